using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using ContentNodeProjection = KolibriSlices.Features.Content.ContentNodes.ContentNodeProjection;
using KolibriSlices.Features.Content.UserNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeBookmarks;

/// <summary>
/// GET /api/content/contentnode_bookmarks/?available=&amp;kind=&amp;limit=&amp;offset=: node objects with their
/// <c>bookmark</c>; nodes missing from the device are left out. Limit/offset pagination when <c>limit</c> is given.
/// </summary>
public static class ListBookmarkedNodes
{
    public sealed record Bookmark
    {
        public required string Id { get; init; }
        public required string ContentnodeId { get; init; }
        public required string Created { get; init; }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var query = new QueryParams(http.Request);
        var available = query.Bool("available");
        var kind = query.Choice("kind", NodeFilters.Kinds);
        var limit = query.Int("limit");
        var offset = query.Int("offset") ?? 0;
        if (query.Errors is { } error) return error;
        var user = CurrentUser.Of(http);
        if (user is null) return Results.Json(limit is null ? new JsonArray() : new JsonObject { ["count"] = 0, ["more"] = null, ["results"] = new JsonArray() });

        var args = new DynamicParameters(new { userId = user.Id, available, kind });
        var where = "b.user_id = @userId";
        if (available is not null) where += " AND n.available = @available";
        if (kind is not null) where += kind == "content" ? " AND n.kind <> 'topic'" : " AND n.kind = @kind";
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var bookmarks = (await conn.QueryAsync<Bookmark>($"""
            SELECT b.id, b.contentnode_id, b.created FROM bookmarks_bookmark b JOIN content_contentnode n ON n.id = b.contentnode_id
            WHERE {where} ORDER BY b.created DESC, b.id
            """, args)).ToList();
        var count = bookmarks.Count;
        var page = limit is > 0 ? bookmarks.Skip(Math.Max(offset, 0)).Take(limit.Value).ToList() : bookmarks;
        var nodes = await ContentNodeProjection.ByIdAsync(conn, page.Select(b => b.ContentnodeId));
        var results = new JsonArray(page.Where(b => nodes.ContainsKey(b.ContentnodeId)).Select(b =>
        {
            var node = JsonSerializer.SerializeToNode(nodes[b.ContentnodeId], Json)!.AsObject();
            node["bookmark"] = JsonSerializer.SerializeToNode(b, Json);
            return (JsonNode)node;
        }).ToArray());
        if (limit is not > 0) return Results.Json(results);

        JsonObject? more = null;
        if (offset + limit.Value < count)
        {
            more = [];
            foreach (var (key, values) in http.Request.Query) more[key] = values.LastOrDefault();
            more["limit"] = limit.Value;
            more["offset"] = offset + limit.Value;
        }
        return Results.Json(new JsonObject { ["count"] = count, ["more"] = more, ["results"] = results });
    }
}
