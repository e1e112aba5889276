using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.Channels;

/// <summary>GET /api/content/channel/&lt;id&gt;/: one channel; 404 when missing or filtered out.</summary>
public static class GetChannel
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } channelId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return await ChannelObject.QueryAsync(conn, http.Request, channelId) is [var channel] ? Results.Json(channel) : KolibriErrors.NotFound(http);
    }
}
