using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeGranular;

/// <summary>
/// GET /api/content/contentnode_granular/&lt;id&gt;/: the import/export tree browser (content.md §7.2). With
/// <c>for_export</c> the numbers are the device's own; otherwise they come from the import source's statistics, and
/// this server knows no source (no Studio connection, no drives, no peers), so every node reads as not importable.
/// </summary>
public static class GetContentNodeGranular
{
    /// <summary>Presets some Kolibri renderer plays: a leaf without one of these is not listed.</summary>
    private static readonly string[] RenderablePresets =
    [
        "high_res_video", "low_res_video", "vector_video", "audio", "document", "epub", "bloompub", "exercise", "html5_zip", "h5p",
        "zim", "qti", "imscp_zip", "slideshow_manifest",
    ];

    public sealed record GranularChild
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Kind { get; init; }
        public bool IsLeaf { get; init; }
        public bool Available { get; init; }
        public int TotalResources { get; init; }
        public int OnDeviceResources { get; init; }
        public bool CoachContent { get; init; }
        public bool? Importable { get; init; }
        public int NumCoachContents { get; init; }
        public bool? NewResource { get; init; }
        public int? NumNewResources { get; init; }
        public bool? UpdatedResource { get; init; }
    }

    public sealed record Granular
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Kind { get; init; }
        public bool IsLeaf { get; init; }
        public bool Available { get; init; }
        public int TotalResources { get; init; }
        public int OnDeviceResources { get; init; }
        public bool CoachContent { get; init; }
        public bool? Importable { get; init; }
        public int NumCoachContents { get; init; }
        public bool? NewResource { get; init; }
        public int? NumNewResources { get; init; }
        public bool? UpdatedResource { get; init; }
        public required RawJson Ancestors { get; init; }
        public required IReadOnlyList<GranularChild> Children { get; init; }
    }

    private sealed record Row
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Kind { get; init; }
        public bool Available { get; init; }
        public int? OnDeviceResources { get; init; }
        public bool CoachContent { get; init; }
        public int? NumCoachContents { get; init; }
        public string? Ancestors { get; init; }
    }

    private const string Renderable = """
        (n.kind = 'topic' OR EXISTS (SELECT 1 FROM content_file f WHERE f.contentnode_id = n.id AND f.preset IN @presets))
        """;

    private static readonly string NodeSql = $"""
        SELECT n.id, n.title, n.kind, n.available, n.on_device_resources, n.coach_content, n.num_coach_contents, n.ancestors
        FROM content_contentnode n WHERE n.id = @nodeId AND {Renderable}
        """;

    private static readonly string ChildrenSql = $"""
        SELECT n.id, n.title, n.kind, n.available, n.on_device_resources, n.coach_content, n.num_coach_contents, n.ancestors
        FROM content_contentnode n WHERE n.parent_id = @nodeId AND {Renderable}
        ORDER BY n.lft, n.id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        var query = http.Request.Query;
        var sources = new[] { "importing_from_drive_id", "importing_from_peer_id", "for_export" }.Where(k => !string.IsNullOrEmpty(query[k].LastOrDefault())).ToList();
        if (sources.Count > 1)
            return KolibriErrors.Messages("Must specify at most one of importing_from_drive_id, importing_from_peer_id, and for_export");
        if (sources is ["importing_from_drive_id"])
            return KolibriErrors.Messages($"The external drive with given drive id {query["importing_from_drive_id"].LastOrDefault()} does not exist.");
        if (sources is ["importing_from_peer_id"])
            return KolibriErrors.Messages($"The network location with the id {query["importing_from_peer_id"].LastOrDefault()} does not exist.");
        var forExport = sources is ["for_export"];

        if (Ids.Normalize(id) is not { } nodeId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var node = await conn.QuerySingleOrDefaultAsync<Row>(NodeSql, new { nodeId, presets = RenderablePresets });
        if (node is null) return KolibriErrors.NotFound(http);
        var children = (await conn.QueryAsync<Row>(ChildrenSql, new { nodeId, presets = RenderablePresets })).ToList();

        GranularChild Describe(Row row) => new()
        {
            Id = row.Id,
            Title = row.Title,
            Kind = row.Kind,
            IsLeaf = row.Kind != "topic",
            Available = row.Available,
            TotalResources = forExport ? row.OnDeviceResources ?? 0 : 0,
            OnDeviceResources = row.OnDeviceResources ?? 0,
            CoachContent = forExport && row.CoachContent,
            Importable = forExport ? null : false,
            NumCoachContents = forExport ? row.NumCoachContents ?? 0 : 0,
            NewResource = forExport ? null : false,
            NumNewResources = forExport ? null : 0,
            UpdatedResource = forExport ? null : false,
        };
        var self = Describe(node);
        return Results.Json(new Granular
        {
            Id = self.Id,
            Title = self.Title,
            Kind = self.Kind,
            IsLeaf = self.IsLeaf,
            Available = self.Available,
            TotalResources = self.TotalResources,
            OnDeviceResources = self.OnDeviceResources,
            CoachContent = self.CoachContent,
            Importable = self.Importable,
            NumCoachContents = self.NumCoachContents,
            NewResource = self.NewResource,
            NumNewResources = self.NumNewResources,
            UpdatedResource = self.UpdatedResource,
            Ancestors = ContentNodeProjection.Json(node.Ancestors, "[]"),
            Children = children.Select(Describe).ToList(),
        });
    }
}
