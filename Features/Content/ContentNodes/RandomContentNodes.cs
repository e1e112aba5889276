using System.Globalization;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>GET /api/content/contentnode/random/: up to max_results (default 10) random matching nodes, served in tree order.</summary>
public static class RandomContentNodes
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn);
        if (filters.Error is { } error) return error;
        var count = ListContentNodes.MaxResults(http.Request) ?? 10;
        var ids = (await conn.QueryAsync<string>(
            $"SELECT n.id FROM content_contentnode n WHERE {filters.Where} ORDER BY RANDOM() LIMIT {filters.Param(count)}", filters.Args)).ToArray();
        if (ids.Length == 0) return Results.Json(Array.Empty<ContentNodeObject>());
        return Results.Json(await ContentNodeProjection.LoadAsync(conn,
            $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE n.id IN @ids ORDER BY n.tree_id, n.lft, n.id",
            new { ids }));
    }
}
