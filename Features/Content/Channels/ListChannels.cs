using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.Channels;

/// <summary>GET /api/content/channel/: every channel (available or not, each flagged), by channel order.</summary>
public static class ListChannels
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, error) = Paging.Parse(http);
        if (error is not null) return error;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Paging.Respond(http, paging, await ChannelObject.QueryAsync(conn, http.Request));
    }
}
