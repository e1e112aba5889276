using System.Globalization;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// Kolibri's content cache key: one device-wide value (a UNIX timestamp) kept in the database, so a channel import run
/// from the command line invalidates the ETags of a server that is running. Content endpoints send it as their ETag
/// and answer a matching If-None-Match with 304.
/// </summary>
public static class ContentCache
{
    public static async Task<string> ReadAsync(DbConn conn) =>
        await conn.ExecuteScalarAsync<string>("SELECT key FROM content_cachekey WHERE id = 1") ?? "1";

    /// <summary>Sets a new key, strictly different from the old one even when the clock stands still.</summary>
    public static async Task<string> BumpAsync(DbConn conn, TimeProvider clock)
    {
        var old = double.TryParse(await ReadAsync(conn), NumberStyles.Float, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var key = Math.Max(now, Math.Round(old + 0.001, 3)).ToString("0.000", CultureInfo.InvariantCulture);
        await conn.ExecuteAsync("UPDATE content_cachekey SET key = @key WHERE id = 1", new { key });
        return key;
    }

    /// <summary>Endpoint filter: 304 for a current If-None-Match; otherwise runs the handler and tags a 200 with the key.</summary>
    public static async ValueTask<object?> EtagFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<Db>();
        string key;
        await using (var conn = await db.OpenAsync(http.RequestAborted))
            key = await ReadAsync(conn);
        var etag = $"\"{key}\"";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "W/" + etag)))
        {
            http.Response.Headers.ETag = etag;
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode == StatusCodes.Status200OK) http.Response.Headers.ETag = etag;
            else http.Response.Headers.CacheControl = "no-cache, no-store, must-revalidate, max-age=0";
            return Task.CompletedTask;
        });
        return await next(context);
    }
}
