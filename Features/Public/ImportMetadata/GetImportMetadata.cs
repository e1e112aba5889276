using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Public.ImportMetadata;

/// <summary>
/// GET /api/public/v2/importmetadata/&lt;node id&gt;/?schema_version=5: the rows a channel database holds for the node
/// and its ancestors, table by table, in content schema 5's export columns, so another device can import just this
/// part of the channel. Anyone may read it.
/// </summary>
public static class GetImportMetadata
{
    public const string SchemaVersion = "5";

    public sealed record Node
    {
        public required string Id { get; init; }
        public string? LicenseName { get; init; }
        public string? LicenseDescription { get; init; }
        public required string Title { get; init; }
        public required bool CoachContent { get; init; }
        public required string ContentId { get; init; }
        public required string ChannelId { get; init; }
        public string? Description { get; init; }
        public double? SortOrder { get; init; }
        public required string LicenseOwner { get; init; }
        public required string Author { get; init; }
        public required string Kind { get; init; }
        public required bool Available { get; init; }
        public string? Options { get; init; }
        public string? AccessibilityLabels { get; init; }
        public string? Categories { get; init; }
        public string? GradeLevels { get; init; }
        public string? LearnerNeeds { get; init; }
        public string? LearningActivities { get; init; }
        public string? ResourceTypes { get; init; }
        public long? Duration { get; init; }
        public required long Lft { get; init; }
        public required long Rght { get; init; }
        public required long TreeId { get; init; }
        public required long Level { get; init; }
        public string? LangId { get; init; }
        public string? ParentId { get; init; }
    }

    public sealed record File
    {
        public required string Id { get; init; }
        public required bool Supplementary { get; init; }
        public required bool Thumbnail { get; init; }
        public long? Priority { get; init; }
        public required string ContentnodeId { get; init; }
        public string? LangId { get; init; }
        public required string LocalFileId { get; init; }
        public required string Preset { get; init; }
    }

    public sealed record LocalFile
    {
        public required string Id { get; init; }
        public required string Extension { get; init; }
        public required bool Available { get; init; }
        public long? FileSize { get; init; }
    }

    public sealed record NodeTag
    {
        public required long Id { get; init; }
        public required string ContentnodeId { get; init; }
        public required string ContenttagId { get; init; }
    }

    public sealed record Tag
    {
        public required string Id { get; init; }
        public required string TagName { get; init; }
    }

    public sealed record Language
    {
        public required string Id { get; init; }
        public required string LangCode { get; init; }
        public string? LangSubcode { get; init; }
        public string? LangName { get; init; }
        public required string LangDirection { get; init; }
    }

    public sealed record AssessmentMetadata
    {
        public required string Id { get; init; }
        public required string AssessmentItemIds { get; init; }
        public required long NumberOfAssessments { get; init; }
        public required string MasteryModel { get; init; }
        public required bool Randomize { get; init; }
        public required bool IsManipulable { get; init; }
        public required string ContentnodeId { get; init; }
    }

    public sealed record NodeLink
    {
        public required long Id { get; init; }
        public required string FromContentnodeId { get; init; }
        public required string ToContentnodeId { get; init; }
    }

    public sealed record Channel
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Description { get; init; }
        public string? Tagline { get; init; }
        public required string Author { get; init; }
        public required long Version { get; init; }
        public required string Thumbnail { get; init; }
        public string? LastUpdated { get; init; }
        public required string MinSchemaVersion { get; init; }
        public required string RootId { get; init; }
    }

    private const string NodeSql = "SELECT tree_id, lft, rght FROM content_contentnode WHERE id = @id";

    // The node and its ancestors (lft/rght enclose it in its tree), then everything those rows point at.
    private const string Sql = """
        SELECT n.id, n.license_name, n.license_description, n.title, n.coach_content, n.content_id, n.channel_id, n.description,
               CAST(n.sort_order AS DOUBLE PRECISION) AS sort_order, n.license_owner, n.author, n.kind, n.available, n.options,
               n.accessibility_labels, n.categories, n.grade_levels, n.learner_needs, n.learning_activities, n.resource_types,
               n.duration, n.lft, n.rght, n.tree_id, n.level, n.lang_id, n.parent_id
        FROM content_contentnode n
        WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght
        ORDER BY n.lft;

        SELECT f.id, f.supplementary, f.thumbnail, f.priority, f.contentnode_id, f.lang_id, f.local_file_id, f.preset
        FROM content_file f JOIN content_contentnode n ON n.id = f.contentnode_id
        WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght
        ORDER BY f.id;

        SELECT DISTINCT lf.id, lf.extension, lf.available, lf.file_size
        FROM content_localfile lf JOIN content_file f ON f.local_file_id = lf.id JOIN content_contentnode n ON n.id = f.contentnode_id
        WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght
        ORDER BY lf.id;

        SELECT t.id, t.contentnode_id, t.contenttag_id
        FROM content_contentnode_tags t JOIN content_contentnode n ON n.id = t.contentnode_id
        WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght
        ORDER BY t.id;

        SELECT DISTINCT ct.id, ct.tag_name
        FROM content_contenttag ct JOIN content_contentnode_tags t ON t.contenttag_id = ct.id JOIN content_contentnode n ON n.id = t.contentnode_id
        WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght
        ORDER BY ct.id;

        SELECT DISTINCT l.id, l.lang_code, l.lang_subcode, l.lang_name, l.lang_direction
        FROM content_language l
        WHERE l.id IN (SELECT n.lang_id FROM content_contentnode n WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght)
           OR l.id IN (SELECT f.lang_id FROM content_file f JOIN content_contentnode n ON n.id = f.contentnode_id
                       WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght)
        ORDER BY l.id;

        SELECT a.id, a.assessment_item_ids, a.number_of_assessments, a.mastery_model, a.randomize, a.is_manipulable, a.contentnode_id
        FROM content_assessmentmetadata a JOIN content_contentnode n ON n.id = a.contentnode_id
        WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght
        ORDER BY a.id;

        SELECT p.id, p.from_contentnode_id, p.to_contentnode_id
        FROM content_contentnode_has_prerequisite p JOIN content_contentnode n ON n.id = p.from_contentnode_id
        WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght
        ORDER BY p.id;

        SELECT r.id, r.from_contentnode_id, r.to_contentnode_id
        FROM content_contentnode_related r JOIN content_contentnode n ON n.id = r.from_contentnode_id
        WHERE n.tree_id = @treeId AND n.lft <= @lft AND n.rght >= @rght
        ORDER BY r.id;

        SELECT c.id, c.name, c.description, c.tagline, c.author, c.version, c.thumbnail, c.last_updated, c.min_schema_version, c.root_id
        FROM content_channelmetadata c JOIN content_contentnode root ON root.id = c.root_id
        WHERE root.tree_id = @treeId;
        """;

    private sealed record Position
    {
        public required long TreeId { get; init; }
        public required long Lft { get; init; }
        public required long Rght { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } nodeId)
            return Results.Json(new Dictionary<string, string> { ["error"] = "Invalid UUID format." }, statusCode: 400);
        var version = http.Request.Query["schema_version"].ToString();
        if (version.Length > 0 && version != SchemaVersion)
            return KolibriErrors.Invalid("INVALID", "schema_version", $"Schema version {version} is not supported; this device exports version {SchemaVersion}.");

        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await conn.QuerySingleOrDefaultAsync<Position>(NodeSql, new { id = nodeId }) is not { } at) return KolibriErrors.NotFound(http);
        using var grid = await conn.QueryMultipleAsync(Sql, new { treeId = at.TreeId, lft = at.Lft, rght = at.Rght });
        return Results.Json(new Dictionary<string, object>
        {
            ["content_contentnode"] = await grid.ReadAsync<Node>(),
            ["content_file"] = await grid.ReadAsync<File>(),
            ["content_localfile"] = await grid.ReadAsync<LocalFile>(),
            ["content_contentnode_tags"] = await grid.ReadAsync<NodeTag>(),
            ["content_contenttag"] = await grid.ReadAsync<Tag>(),
            ["content_language"] = await grid.ReadAsync<Language>(),
            ["content_assessmentmetadata"] = await grid.ReadAsync<AssessmentMetadata>(),
            ["content_contentnode_has_prerequisite"] = await grid.ReadAsync<NodeLink>(),
            ["content_contentnode_related"] = await grid.ReadAsync<NodeLink>(),
            ["content_channelmetadata"] = await grid.ReadAsync<Channel>(),
            ["schema_version"] = SchemaVersion,
        });
    }
}
