using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Bookmarks.Bookmarks;

/// <summary>
/// POST /api/bookmarks/bookmarks/: bookmarks a node present on this device for the caller (201); content and channel ids
/// are taken from the node unless sent.
/// </summary>
public static class CreateBookmark
{
    public sealed record NodeIds
    {
        public required string ContentId { get; init; }
        public required string ChannelId { get; init; }
    }

    private const string NodeSql = "SELECT content_id, channel_id FROM content_contentnode WHERE id = @node";

    private const string TakenSql = "SELECT COUNT(*) FROM bookmarks_bookmark WHERE user_id = @userId AND contentnode_id = @node";

    private const string InsertSql = """
        INSERT INTO bookmarks_bookmark (id, user_id, contentnode_id, content_id, channel_id, created, dataset_id)
        SELECT @id, u.id, @node, @contentId, @channelId, @now, u.dataset_id FROM kolibriauth_facilityuser u WHERE u.id = @userId
        ON CONFLICT (user_id, contentnode_id) DO NOTHING
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock)
    {
        var (body, parseError) = await JsonBody.ReadAsync(http.Request);
        if (parseError is not null) return parseError;
        var node = body.Uuid("contentnode_id", required: true);
        var owner = body.Uuid("user", required: true);
        var contentId = body.Uuid("content_id", allowNull: true);
        var channelId = body.Uuid("channel_id", allowNull: true);
        if (body.Errors is { } errors) return errors;
        var user = CurrentUser.Of(http);
        if (user is null || owner != user.Id) return KolibriErrors.Forbidden(http);

        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await conn.ExecuteScalarAsync<long>(TakenSql, new { userId = user.Id, node }) > 0)
            return KolibriErrors.Invalid("UNIQUE", "non_field_errors", "The fields user, contentnode_id must make a unique set.");
        var ids = await conn.QuerySingleOrDefaultAsync<NodeIds>(NodeSql, new { node });
        if (ids is null) return KolibriErrors.Invalid("INVALID", "non_field_errors", "This content is not on this device.");

        var item = new BookmarkObject.Item { Id = Ids.New(), ContentnodeId = node!, ContentId = contentId ?? ids.ContentId, ChannelId = channelId ?? ids.ChannelId };
        var inserted = await conn.ExecuteAsync(InsertSql, new
        {
            id = item.Id, userId = user.Id, node, contentId = item.ContentId, channelId = item.ChannelId, now = KolibriTime.Now(clock),
        });
        if (inserted == 0) return KolibriErrors.Invalid("UNIQUE", "non_field_errors", "The fields user, contentnode_id must make a unique set.");
        return Results.Json(item, statusCode: 201);
    }
}
