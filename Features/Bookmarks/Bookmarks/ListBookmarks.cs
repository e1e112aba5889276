using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Bookmarks.Bookmarks;

/// <summary>GET /api/bookmarks/bookmarks/: the caller's bookmarks, filter <c>contentnode_id</c>.</summary>
public static class ListBookmarks
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;
        var args = new DynamicParameters();
        var where = BookmarkObject.Visible(CurrentUser.Of(http), args);
        if (new QueryParams(http.Request).Get("contentnode_id") is { } node)
        {
            where += " AND b.contentnode_id = @node";
            args.Add("node", Ids.Normalize(node) ?? node);
        }
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var items = (await conn.QueryAsync<BookmarkObject.Item>($"{BookmarkObject.Select} WHERE {where} ORDER BY b.created DESC, b.id", args)).ToList();
        return Paging.Respond(http, paging, items);
    }
}
