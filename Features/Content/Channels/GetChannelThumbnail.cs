using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.Channels;

/// <summary>GET /api/content/channel-thumbnail/&lt;id&gt;/: the channel's data-URI thumbnail as an image; 404 when absent or undecodable.</summary>
public static class GetChannelThumbnail
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } channelId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var thumbnail = await conn.ExecuteScalarAsync<string>("SELECT thumbnail FROM content_channelmetadata WHERE id = @channelId", new { channelId });
        return Decode(thumbnail) is var (mime, bytes) ? Results.Bytes(bytes, mime) : KolibriErrors.NotFound(http);
    }

    /// <summary><c>data:&lt;mime&gt;;base64,&lt;data&gt;</c> in the standard or URL-safe alphabet.</summary>
    public static (string Mime, byte[] Bytes)? Decode(string? dataUri)
    {
        if (string.IsNullOrEmpty(dataUri) || !dataUri.StartsWith("data:", StringComparison.Ordinal)) return null;
        var comma = dataUri.IndexOf(',');
        var header = comma < 0 ? "" : dataUri[5..comma];
        if (!header.EndsWith(";base64", StringComparison.Ordinal)) return null;
        var mime = header[..^";base64".Length];
        var data = dataUri[(comma + 1)..].Trim().Replace('-', '+').Replace('_', '/');
        data = data.PadRight(data.Length + (4 - data.Length % 4) % 4, '=');
        try
        {
            var bytes = Convert.FromBase64String(data);
            return bytes.Length == 0 || mime.Length == 0 ? null : (mime, bytes);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
