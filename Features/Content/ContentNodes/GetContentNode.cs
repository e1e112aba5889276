using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>GET /api/content/contentnode/&lt;id&gt;/: one node; 404 when missing, unavailable, or excluded by the filters.</summary>
public static class GetContentNode
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } nodeId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn);
        if (filters.Error is { } error) return error;
        filters.Add($"n.id = {filters.Param(nodeId)}");
        var nodes = await ContentNodeProjection.LoadAsync(conn,
            $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE {filters.Where}", filters.Args);
        return nodes is [var node] ? Results.Json(node) : KolibriErrors.NotFound(http);
    }
}
