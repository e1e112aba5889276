using System.Text.Json;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.UserNodes;

/// <summary>
/// The ContentNode object (content contract §2.1) for the learning-side endpoints that embed nodes: five queries for any
/// number of nodes (nodes, files, assessment metadata, tags, languages).
/// </summary>
public static class LearningNode
{
    public sealed record Row
    {
        public required string Id { get; init; }
        public required string Author { get; init; }
        public required bool Available { get; init; }
        public required string ChannelId { get; init; }
        public required bool CoachContent { get; init; }
        public required string ContentId { get; init; }
        public string? Description { get; init; }
        public required string Kind { get; init; }
        public string? LicenseDescription { get; init; }
        public string? LicenseName { get; init; }
        public required string LicenseOwner { get; init; }
        public int? NumCoachContents { get; init; }
        public string? Options { get; init; }
        public string? Parent { get; init; }
        public double? SortOrder { get; init; }
        public required string Title { get; init; }
        public required int Lft { get; init; }
        public required int Rght { get; init; }
        public required int TreeId { get; init; }
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
    }

    public sealed record Language
    {
        public required string Id { get; init; }
        public required string LangCode { get; init; }
        public string? LangSubcode { get; init; }
        public string? LangName { get; init; }
        public required string LangDirection { get; init; }
    }

    public sealed record FileRow
    {
        public required string Id { get; init; }
        public required string ContentnodeId { get; init; }
        public int? Priority { get; init; }
        public required string Preset { get; init; }
        public required bool Supplementary { get; init; }
        public required bool Thumbnail { get; init; }
        public string? LangId { get; init; }
        public required string Checksum { get; init; }
        public required bool Available { get; init; }
        public long? FileSize { get; init; }
        public required string Extension { get; init; }
    }

    public sealed record File
    {
        public required string Id { get; init; }
        public int? Priority { get; init; }
        public required string Preset { get; init; }
        public required bool Supplementary { get; init; }
        public required bool Thumbnail { get; init; }
        public Language? Lang { get; init; }
        public required string Checksum { get; init; }
        public required bool Available { get; init; }
        public long? FileSize { get; init; }
        public required string Extension { get; init; }
        public string? StorageUrl { get; init; }
    }

    public sealed record AssessmentRow
    {
        public required string ContentnodeId { get; init; }
        public required string AssessmentItemIds { get; init; }
        public required int NumberOfAssessments { get; init; }
        public required string MasteryModel { get; init; }
        public required bool Randomize { get; init; }
        public required bool IsManipulable { get; init; }
    }

    public sealed record Assessment
    {
        public required RawJson AssessmentItemIds { get; init; }
        public required int NumberOfAssessments { get; init; }
        public required RawJson MasteryModel { get; init; }
        public required bool Randomize { get; init; }
        public required bool IsManipulable { get; init; }
        public required string Contentnode { get; init; }
    }

    public sealed record Tag
    {
        public required string ContentnodeId { get; init; }
        public required string TagName { get; init; }
    }

    public sealed record Node
    {
        public required string Id { get; init; }
        public required string Author { get; init; }
        public required bool Available { get; init; }
        public required string ChannelId { get; init; }
        public required bool CoachContent { get; init; }
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
        public required int Lft { get; init; }
        public required int Rght { get; init; }
        public required int TreeId { get; init; }
        public required IReadOnlyList<string> LearningActivities { get; init; }
        public required IReadOnlyList<string> GradeLevels { get; init; }
        public required IReadOnlyList<string> ResourceTypes { get; init; }
        public required IReadOnlyList<string> AccessibilityLabels { get; init; }
        public required IReadOnlyList<string> LearnerNeeds { get; init; }
        public required IReadOnlyList<string> Categories { get; init; }
        public int? Duration { get; init; }
        public required RawJson Ancestors { get; init; }
        public required bool AdminImported { get; init; }
        public Assessment? Assessmentmetadata { get; init; }
        public required IReadOnlyList<string> Tags { get; init; }
        public required IReadOnlyList<File> Files { get; init; }
        public string? Thumbnail { get; init; }
        public Language? Lang { get; init; }
        public required bool IsLeaf { get; init; }
    }

    private const string NodesSql = """
        SELECT n.id, n.author, n.available, n.channel_id, n.coach_content, n.content_id, n.description, n.kind, n.license_description,
            n.license_name, n.license_owner, n.num_coach_contents, n.options, n.parent_id AS parent, CAST(n.sort_order AS DOUBLE PRECISION) AS sort_order, n.title, n.lft, n.rght,
            n.tree_id, n.learning_activities, n.grade_levels, n.resource_types, n.accessibility_labels, n.learner_needs, n.categories,
            n.duration, n.ancestors, n.admin_imported, n.lang_id
        FROM content_contentnode n WHERE n.id IN @ids
        """;

    private const string FilesSql = """
        SELECT f.id, f.contentnode_id, f.priority, f.preset, f.supplementary, f.thumbnail, f.lang_id, lf.id AS checksum, lf.available,
            lf.file_size, lf.extension
        FROM content_file f JOIN content_localfile lf ON lf.id = f.local_file_id
        WHERE f.contentnode_id IN @ids ORDER BY f.priority, f.id
        """;

    private const string AssessmentSql = """
        SELECT contentnode_id, assessment_item_ids, number_of_assessments, mastery_model, randomize, is_manipulable
        FROM content_assessmentmetadata WHERE contentnode_id IN @ids ORDER BY id
        """;

    private const string TagsSql = """
        SELECT nt.contentnode_id, t.tag_name FROM content_contentnode_tags nt JOIN content_contenttag t ON t.id = nt.contenttag_id
        WHERE nt.contentnode_id IN @ids ORDER BY t.tag_name COLLATE "BINARY"
        """;

    private const string LanguagesSql = "SELECT id, lang_code, lang_subcode, lang_name, lang_direction FROM content_language WHERE id IN @ids";

    /// <summary>The nodes that exist, by id (missing ids are simply absent).</summary>
    public static async Task<Dictionary<string, Node>> LoadAsync(DbConn conn, IEnumerable<string> nodeIds)
    {
        var ids = nodeIds.Distinct().ToArray();
        if (ids.Length == 0) return [];
        var rows = (await conn.QueryAsync<Row>(NodesSql, new { ids })).ToList();
        if (rows.Count == 0) return [];
        ids = rows.Select(r => r.Id).ToArray();
        var files = (await conn.QueryAsync<FileRow>(FilesSql, new { ids })).ToList();
        var assessments = (await conn.QueryAsync<AssessmentRow>(AssessmentSql, new { ids })).GroupBy(a => a.ContentnodeId).ToDictionary(g => g.Key, g => g.First());
        var tags = (await conn.QueryAsync<Tag>(TagsSql, new { ids })).ToLookup(t => t.ContentnodeId, t => t.TagName);
        var langIds = rows.Select(r => r.LangId).Concat(files.Select(f => f.LangId)).OfType<string>().Distinct().ToArray();
        var languages = langIds.Length == 0 ? [] : (await conn.QueryAsync<Language>(LanguagesSql, new { ids = langIds })).ToDictionary(l => l.Id);
        var filesByNode = files.ToLookup(f => f.ContentnodeId, f => new File
        {
            Id = f.Id, Priority = f.Priority, Preset = f.Preset, Supplementary = f.Supplementary, Thumbnail = f.Thumbnail,
            Lang = f.LangId is not null && languages.TryGetValue(f.LangId, out var fl) ? fl : null, Checksum = f.Checksum,
            Available = f.Available, FileSize = f.FileSize, Extension = f.Extension,
            StorageUrl = f.Available ? $"/content/storage/{f.Checksum[0]}/{f.Checksum[1]}/{f.Checksum}.{f.Extension}" : null,
        });

        return rows.ToDictionary(r => r.Id, r => new Node
        {
            Id = r.Id, Author = r.Author, Available = r.Available, ChannelId = r.ChannelId, CoachContent = r.CoachContent, ContentId = r.ContentId,
            Description = r.Description, Kind = r.Kind, LicenseDescription = r.LicenseDescription, LicenseName = r.LicenseName,
            LicenseOwner = r.LicenseOwner, NumCoachContents = r.NumCoachContents, Options = Json(r.Options, "{}"), Parent = r.Parent,
            SortOrder = r.SortOrder, Title = r.Title, Lft = r.Lft, Rght = r.Rght, TreeId = r.TreeId,
            LearningActivities = Labels(r.LearningActivities), GradeLevels = Labels(r.GradeLevels), ResourceTypes = Labels(r.ResourceTypes),
            AccessibilityLabels = Labels(r.AccessibilityLabels), LearnerNeeds = Labels(r.LearnerNeeds), Categories = Labels(r.Categories),
            Duration = r.Duration, Ancestors = Json(r.Ancestors, "[]"), AdminImported = r.AdminImported ?? false,
            Assessmentmetadata = assessments.TryGetValue(r.Id, out var a) ? new Assessment
            {
                AssessmentItemIds = Json(a.AssessmentItemIds, "[]"), NumberOfAssessments = a.NumberOfAssessments,
                MasteryModel = Json(a.MasteryModel, "{}"), Randomize = a.Randomize, IsManipulable = a.IsManipulable, Contentnode = r.Id,
            } : null,
            Tags = tags[r.Id].ToList(), Files = filesByNode[r.Id].ToList(),
            Thumbnail = filesByNode[r.Id].FirstOrDefault(f => f.Thumbnail)?.StorageUrl,
            Lang = r.LangId is not null && languages.TryGetValue(r.LangId, out var lang) ? lang : null, IsLeaf = r.Kind != "topic",
        });
    }

    /// <summary>The contentnode_ids of a lesson's <c>resources</c> JSON, in lesson order.</summary>
    public static List<string> ResourceNodeIds(string resources)
    {
        try
        {
            using var doc = JsonDocument.Parse(resources);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return [];
            return doc.RootElement.EnumerateArray()
                .Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("contentnode_id", out var n) && n.ValueKind == JsonValueKind.String)
                .Select(r => r.GetProperty("contentnode_id").GetString()!).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static IReadOnlyList<string> Labels(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static RawJson Json(string? text, string fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return new RawJson(fallback);
        try
        {
            using var _ = JsonDocument.Parse(text);
            return new RawJson(text);
        }
        catch (JsonException)
        {
            return new RawJson(fallback);
        }
    }
}
