using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Bookmarks.Bookmarks;

/// <summary>PUT/PATCH /api/bookmarks/bookmarks/&lt;id&gt;/: the owner may re-point their bookmark's ids.</summary>
public static class UpdateBookmark
{
    private const string UpdateSql = """
        UPDATE bookmarks_bookmark
        SET contentnode_id = COALESCE(@node, contentnode_id), content_id = COALESCE(@contentId, content_id),
            channel_id = COALESCE(@channelId, channel_id), _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id, bool partial)
    {
        if (Ids.Normalize(id) is not { } bookmarkId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var existing = await conn.QuerySingleOrDefaultAsync<BookmarkObject.Owned>(
            "SELECT user_id, contentnode_id FROM bookmarks_bookmark WHERE id = @bookmarkId", new { bookmarkId });
        if (existing is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        if (user is null || (existing.UserId != user.Id && !user.IsSuperuser)) return KolibriErrors.Forbidden(http);

        var (body, parseError) = await JsonBody.ReadAsync(http.Request, partial);
        if (parseError is not null) return parseError;
        var node = body.Uuid("contentnode_id", required: true);
        var contentId = body.Uuid("content_id", allowNull: true);
        var channelId = body.Uuid("channel_id", allowNull: true);
        if (body.Errors is { } errors) return errors;
        if (node is not null && node != existing.ContentnodeId && await conn.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM bookmarks_bookmark WHERE user_id = @owner AND contentnode_id = @node", new { owner = existing.UserId, node }) > 0)
            return KolibriErrors.Invalid("UNIQUE", "non_field_errors", "The fields user, contentnode_id must make a unique set.");

        await conn.ExecuteAsync(UpdateSql, new { id = bookmarkId, node, contentId, channelId });
        return Results.Json(await conn.QuerySingleAsync<BookmarkObject.Item>($"{BookmarkObject.Select} WHERE b.id = @bookmarkId", new { bookmarkId }));
    }
}
