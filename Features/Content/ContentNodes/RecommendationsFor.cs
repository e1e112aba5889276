using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>GET /api/content/contentnode/&lt;id&gt;/recommendations_for/: the node's available resource siblings; 404 if it is not available.</summary>
public static class RecommendationsFor
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } nodeId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn);
        if (filters.Error is { } error) return error;
        var parent = await conn.QuerySingleOrDefaultAsync<ParentRow>(
            "SELECT parent_id FROM content_contentnode WHERE id = @nodeId AND available = TRUE", new { nodeId });
        if (parent is null) return KolibriErrors.NotFound(http);
        filters.Add(parent.ParentId is null ? "n.parent_id IS NULL" : $"n.parent_id = {filters.Param(parent.ParentId)}");
        filters.Add($"n.id <> {filters.Param(nodeId)}");
        filters.Add("n.kind <> 'topic' AND n.available = TRUE");
        return Results.Json(await ContentNodeProjection.LoadAsync(conn,
            $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE {filters.Where} ORDER BY {filters.OrderBy}", filters.Args));
    }

    private sealed record ParentRow
    {
        public string? ParentId { get; init; }
    }
}
