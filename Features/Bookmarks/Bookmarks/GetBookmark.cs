using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Bookmarks.Bookmarks;

/// <summary>GET /api/bookmarks/bookmarks/&lt;id&gt;/: one of the caller's bookmarks, else 404.</summary>
public static class GetBookmark
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } bookmarkId) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = bookmarkId });
        var where = BookmarkObject.Visible(CurrentUser.Of(http), args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var item = await conn.QuerySingleOrDefaultAsync<BookmarkObject.Item>($"{BookmarkObject.Select} WHERE b.id = @id AND {where}", args);
        return item is null ? KolibriErrors.NotFound(http) : Results.Json(item);
    }
}
