using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.Channels;

/// <summary>GET /api/content/channel/filter_options/?id=: author, kind and tag counts over all of a channel's nodes.</summary>
public static class ChannelFilterOptions
{
    public sealed record Options
    {
        public required IReadOnlyDictionary<string, long> AvailableAuthors { get; init; }
        public required IReadOnlyDictionary<string, long> AvailableKinds { get; init; }
        public required IReadOnlyDictionary<string, long> AvailableTags { get; init; }
    }

    private sealed record Count
    {
        public required string Value { get; init; }
        public long Uses { get; init; }
    }

    private const string Authors = """
        SELECT author AS value, COUNT(*) AS uses FROM content_contentnode
        WHERE channel_id = @channelId AND author <> '' GROUP BY author ORDER BY author COLLATE "BINARY"
        """;

    private const string Kinds = """
        SELECT kind AS value, COUNT(*) AS uses FROM content_contentnode
        WHERE channel_id = @channelId GROUP BY kind ORDER BY kind COLLATE "BINARY"
        """;

    private const string Tags = """
        SELECT t.tag_name AS value, COUNT(*) AS uses
        FROM content_contentnode_tags nt
        JOIN content_contenttag t ON t.id = nt.contenttag_id
        JOIN content_contentnode n ON n.id = nt.contentnode_id
        WHERE n.channel_id = @channelId GROUP BY t.tag_name ORDER BY t.tag_name COLLATE "BINARY"
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var channelId = Ids.Normalize(http.Request.Query["id"].LastOrDefault());
        if (channelId is null)
            return Results.Json(new Options { AvailableAuthors = new Dictionary<string, long>(), AvailableKinds = new Dictionary<string, long>(), AvailableTags = new Dictionary<string, long>() });
        await using var conn = await db.OpenAsync(http.RequestAborted);
        async Task<Dictionary<string, long>> Map(string sql) =>
            (await conn.QueryAsync<Count>(sql, new { channelId })).ToDictionary(c => c.Value, c => c.Uses);
        return Results.Json(new Options { AvailableAuthors = await Map(Authors), AvailableKinds = await Map(Kinds), AvailableTags = await Map(Tags) });
    }
}
