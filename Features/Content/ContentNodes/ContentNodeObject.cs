using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ContentNodes;

public sealed record LanguageObject
{
    public required string Id { get; init; }
    public required string LangCode { get; init; }
    public string? LangSubcode { get; init; }
    public string? LangName { get; init; }
    public required string LangDirection { get; init; }
}

public sealed record NodeFileObject
{
    public required string Id { get; init; }
    public int? Priority { get; init; }
    public required string Preset { get; init; }
    public bool Supplementary { get; init; }
    public bool Thumbnail { get; init; }
    public LanguageObject? Lang { get; init; }
    public required string Checksum { get; init; }
    public bool Available { get; init; }
    public long? FileSize { get; init; }
    public required string Extension { get; init; }
    public string? StorageUrl { get; init; }
}

public sealed record AssessmentMetadataObject
{
    public required RawJson AssessmentItemIds { get; init; }
    public int NumberOfAssessments { get; init; }
    public required RawJson MasteryModel { get; init; }
    public bool Randomize { get; init; }
    public bool IsManipulable { get; init; }
    public required string Contentnode { get; init; }
}

/// <summary>The ContentNode object of content.md §2.1, field for field and in Kolibri's order.</summary>
public sealed record ContentNodeObject
{
    public required string Id { get; init; }
    public required string Author { get; init; }
    public bool Available { get; init; }
    public required string ChannelId { get; init; }
    public bool CoachContent { get; init; }
    public required string ContentId { get; init; }
    public string? Description { get; init; }
    public required string Kind { get; init; }
    public string? LicenseDescription { get; init; }
    public string? LicenseName { get; init; }
    public required string LicenseOwner { get; init; }
    public int? NumCoachContents { get; init; }
    public required RawJson Options { get; init; }
    public string? Parent { get; init; }
    public double? SortOrder { get; init; }
    public required string Title { get; init; }
    public int Lft { get; init; }
    public int Rght { get; init; }
    public int TreeId { get; init; }
    public required string[] LearningActivities { get; init; }
    public required string[] GradeLevels { get; init; }
    public required string[] ResourceTypes { get; init; }
    public required string[] AccessibilityLabels { get; init; }
    public required string[] LearnerNeeds { get; init; }
    public required string[] Categories { get; init; }
    public int? Duration { get; init; }
    public required RawJson Ancestors { get; init; }
    public bool AdminImported { get; init; }
    public AssessmentMetadataObject? Assessmentmetadata { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<NodeFileObject> Files { get; init; }
    public string? Thumbnail { get; init; }
    public LanguageObject? Lang { get; init; }
    public bool IsLeaf { get; init; }
    /// <summary>Only in contentnode_tree answers (content.md §6): the node's first children, nested.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NodeChildrenObject? Children { get; init; }
}

/// <summary>A tree node's <c>children</c>: the first page of them, and the parameters that fetch the next one.</summary>
public sealed record NodeChildrenObject
{
    public required IReadOnlyList<ContentNodeObject> Results { get; init; }
    public required NodeChildrenMore? More { get; init; }
}

public sealed record NodeChildrenMore
{
    public required string Id { get; init; }
    public required IReadOnlyDictionary<string, object> Params { get; init; }
}

/// <summary>
/// Loads ContentNode objects: one query for the nodes (the caller's WHERE/ORDER), then one query per nested relation
/// (files, tags, assessment metadata) for the whole page. Public so other slices serving node objects reuse it.
/// </summary>
public static class ContentNodeProjection
{
    /// <summary>
    /// Node columns for <c>FROM content_contentnode n LEFT JOIN content_language l ON l.id = n.lang_id</c>. sort_order is
    /// cast because SQLite keeps a whole value of that column as an integer, and one page may hold both kinds.
    /// </summary>
    public const string Columns = """
        n.id, n.author, n.available, n.channel_id, n.coach_content, n.content_id, n.description, n.kind, n.license_description,
        n.license_name, n.license_owner, n.num_coach_contents, n.options, n.parent_id, CAST(n.sort_order AS DOUBLE PRECISION) AS sort_order, n.title, n.lft, n.rght, n.tree_id,
        n.learning_activities, n.grade_levels, n.resource_types, n.accessibility_labels, n.learner_needs, n.categories, n.duration,
        n.ancestors, n.admin_imported, n.lang_id, l.lang_code, l.lang_subcode, l.lang_name, l.lang_direction
        """;

    public const string From = "content_contentnode n LEFT JOIN content_language l ON l.id = n.lang_id";

    public sealed record NodeRow
    {
        public required string Id { get; init; }
        public required string Author { get; init; }
        public bool Available { get; init; }
        public required string ChannelId { get; init; }
        public bool CoachContent { get; init; }
        public required string ContentId { get; init; }
        public string? Description { get; init; }
        public required string Kind { get; init; }
        public string? LicenseDescription { get; init; }
        public string? LicenseName { get; init; }
        public required string LicenseOwner { get; init; }
        public int? NumCoachContents { get; init; }
        public string? Options { get; init; }
        public string? ParentId { get; init; }
        public double? SortOrder { get; init; }
        public required string Title { get; init; }
        public int Lft { get; init; }
        public int Rght { get; init; }
        public int TreeId { get; init; }
        public string? LearningActivities { get; init; }
        public string? GradeLevels { get; init; }
        public string? ResourceTypes { get; init; }
        public string? AccessibilityLabels { get; init; }
        public string? LearnerNeeds { get; init; }
        public string? Categories { get; init; }
        public int? Duration { get; init; }
        public string? Ancestors { get; init; }
        public bool? AdminImported { get; init; }
        public string? LangId { get; init; }
        public string? LangCode { get; init; }
        public string? LangSubcode { get; init; }
        public string? LangName { get; init; }
        public string? LangDirection { get; init; }
    }

    private sealed record FileRow
    {
        public required string Id { get; init; }
        public required string ContentnodeId { get; init; }
        public int? Priority { get; init; }
        public required string Preset { get; init; }
        public bool Supplementary { get; init; }
        public bool Thumbnail { get; init; }
        public string? LangId { get; init; }
        public string? LangCode { get; init; }
        public string? LangSubcode { get; init; }
        public string? LangName { get; init; }
        public string? LangDirection { get; init; }
        public required string Checksum { get; init; }
        public bool Available { get; init; }
        public long? FileSize { get; init; }
        public required string Extension { get; init; }
    }

    private sealed record TagRow
    {
        public required string ContentnodeId { get; init; }
        public required string TagName { get; init; }
    }

    private sealed record AssessmentRow
    {
        public required string ContentnodeId { get; init; }
        public required string AssessmentItemIds { get; init; }
        public int NumberOfAssessments { get; init; }
        public required string MasteryModel { get; init; }
        public bool Randomize { get; init; }
        public bool IsManipulable { get; init; }
    }

    private const string FilesSql = """
        SELECT f.id, f.contentnode_id, f.priority, f.preset, f.supplementary, f.thumbnail, f.lang_id, l.lang_code, l.lang_subcode,
            l.lang_name, l.lang_direction, f.local_file_id AS checksum, lf.available, lf.file_size, lf.extension
        FROM content_file f
        JOIN content_localfile lf ON lf.id = f.local_file_id
        LEFT JOIN content_language l ON l.id = f.lang_id
        WHERE f.contentnode_id IN @ids
        ORDER BY CASE WHEN f.priority IS NULL THEN 0 ELSE 1 END, f.priority, f.id COLLATE "BINARY"
        """;

    private const string TagsSql = """
        SELECT nt.contentnode_id, t.tag_name
        FROM content_contentnode_tags nt JOIN content_contenttag t ON t.id = nt.contenttag_id
        WHERE nt.contentnode_id IN @ids
        ORDER BY t.tag_name COLLATE "BINARY"
        """;

    private const string AssessmentSql = """
        SELECT contentnode_id, assessment_item_ids, number_of_assessments, mastery_model, randomize, is_manipulable
        FROM content_assessmentmetadata
        WHERE contentnode_id IN @ids
        ORDER BY id
        """;

    /// <summary>Rows of <c>SELECT {Columns} FROM {From} WHERE ... ORDER BY ...</c> (the caller's SQL).</summary>
    public static async Task<List<NodeRow>> QueryRowsAsync(DbConn conn, string sql, object? args) =>
        (await conn.QueryAsync<NodeRow>(sql, args)).ToList();

    /// <summary>Serializes rows in their order, loading nested relations with one query each per 1000 nodes.</summary>
    public static async Task<List<ContentNodeObject>> SerializeAsync(DbConn conn, IReadOnlyList<NodeRow> rows)
    {
        var files = new List<FileRow>();
        var tags = new List<TagRow>();
        var assessments = new List<AssessmentRow>();
        foreach (var chunk in rows.Select(r => r.Id).Distinct().Chunk(1000))
        {
            files.AddRange(await conn.QueryAsync<FileRow>(FilesSql, new { ids = chunk }));
            tags.AddRange(await conn.QueryAsync<TagRow>(TagsSql, new { ids = chunk }));
            assessments.AddRange(await conn.QueryAsync<AssessmentRow>(AssessmentSql, new { ids = chunk }));
        }
        var filesByNode = files.ToLookup(f => f.ContentnodeId);
        var tagsByNode = tags.ToLookup(t => t.ContentnodeId);
        var assessmentByNode = assessments.GroupBy(a => a.ContentnodeId).ToDictionary(g => g.Key, g => g.First());
        return rows.Select(row => ToObject(row, filesByNode[row.Id], tagsByNode[row.Id], assessmentByNode.GetValueOrDefault(row.Id))).ToList();
    }

    public static async Task<List<ContentNodeObject>> LoadAsync(DbConn conn, string sql, object? args) =>
        await SerializeAsync(conn, await QueryRowsAsync(conn, sql, args));

    /// <summary>The nodes that exist among <paramref name="nodeIds"/>, by id, whatever their availability (the
    /// learning-side endpoints embed nodes that lessons, quizzes, bookmarks and logs point at).</summary>
    public static async Task<Dictionary<string, ContentNodeObject>> ByIdAsync(DbConn conn, IEnumerable<string> nodeIds)
    {
        var ids = nodeIds.Distinct().ToArray();
        if (ids.Length == 0) return [];
        return (await LoadAsync(conn, $"SELECT {Columns} FROM {From} WHERE n.id IN @ids", new { ids })).ToDictionary(n => n.Id);
    }

    public static string? StorageUrl(string checksum, string extension, bool available) =>
        !available || checksum.Length < 2 ? null : $"/content/storage/{checksum[0]}/{checksum[1]}/{checksum}.{extension}";

    public static string[] Labels(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A stored JSON field sent as it is, or <paramref name="fallback"/> when it is empty or not valid JSON.</summary>
    public static RawJson Json(string? text, string fallback)
    {
        var json = text?.Trim(' ', '\t', '\r', '\n');
        return string.IsNullOrEmpty(json) || !IsValidJson(json) ? new RawJson(fallback) : new RawJson(json);
    }

    /// <summary>Reads the text through once without building a document (this runs for several fields of every node).</summary>
    private static bool IsValidJson(string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[1024];
            var reader = new Utf8JsonReader(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static LanguageObject? Language(string? id, string? code, string? subcode, string? name, string? direction) =>
        id is null || code is null ? null
            : new LanguageObject { Id = id, LangCode = code, LangSubcode = subcode, LangName = name, LangDirection = direction ?? "ltr" };

    private static ContentNodeObject ToObject(NodeRow row, IEnumerable<FileRow> fileRows, IEnumerable<TagRow> tagRows, AssessmentRow? assessment)
    {
        var files = fileRows.Select(f => new NodeFileObject
        {
            Id = f.Id,
            Priority = f.Priority,
            Preset = f.Preset,
            Supplementary = f.Supplementary,
            Thumbnail = f.Thumbnail,
            Lang = Language(f.LangId, f.LangCode, f.LangSubcode, f.LangName, f.LangDirection),
            Checksum = f.Checksum,
            Available = f.Available,
            FileSize = f.FileSize,
            Extension = f.Extension,
            StorageUrl = StorageUrl(f.Checksum, f.Extension, f.Available),
        }).ToList();
        return new ContentNodeObject
        {
            Id = row.Id,
            Author = row.Author,
            Available = row.Available,
            ChannelId = row.ChannelId,
            CoachContent = row.CoachContent,
            ContentId = row.ContentId,
            Description = row.Description,
            Kind = row.Kind,
            LicenseDescription = row.LicenseDescription,
            LicenseName = row.LicenseName,
            LicenseOwner = row.LicenseOwner,
            NumCoachContents = row.NumCoachContents,
            Options = Json(row.Options, "{}"),
            Parent = row.ParentId,
            SortOrder = row.SortOrder,
            Title = row.Title,
            Lft = row.Lft,
            Rght = row.Rght,
            TreeId = row.TreeId,
            LearningActivities = Labels(row.LearningActivities),
            GradeLevels = Labels(row.GradeLevels),
            ResourceTypes = Labels(row.ResourceTypes),
            AccessibilityLabels = Labels(row.AccessibilityLabels),
            LearnerNeeds = Labels(row.LearnerNeeds),
            Categories = Labels(row.Categories),
            Duration = row.Duration,
            Ancestors = Json(row.Ancestors, "[]"),
            AdminImported = row.AdminImported ?? false,
            Assessmentmetadata = assessment is null ? null : new AssessmentMetadataObject
            {
                AssessmentItemIds = Json(assessment.AssessmentItemIds, "[]"),
                NumberOfAssessments = assessment.NumberOfAssessments,
                MasteryModel = Json(assessment.MasteryModel, "{}"),
                Randomize = assessment.Randomize,
                IsManipulable = assessment.IsManipulable,
                Contentnode = row.Id,
            },
            Tags = tagRows.Select(t => t.TagName).ToList(),
            Files = files,
            Thumbnail = files.FirstOrDefault(f => f.Thumbnail)?.StorageUrl,
            Lang = Language(row.LangId, row.LangCode, row.LangSubcode, row.LangName, row.LangDirection),
            IsLeaf = row.Kind != "topic",
        };
    }
}
