using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Bookmarks.Bookmarks;

/// <summary>DELETE /api/bookmarks/bookmarks/&lt;id&gt;/: own bookmark 204, someone else's 403, unknown 404.</summary>
public static class DeleteBookmark
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } bookmarkId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var owner = await conn.ExecuteScalarAsync<string?>("SELECT user_id FROM bookmarks_bookmark WHERE id = @bookmarkId", new { bookmarkId });
        if (owner is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        if (user is null || (owner != user.Id && !user.IsSuperuser)) return KolibriErrors.Forbidden(http);
        await conn.ExecuteAsync("DELETE FROM bookmarks_bookmark WHERE id = @bookmarkId", new { bookmarkId });
        return Results.NoContent();
    }
}
