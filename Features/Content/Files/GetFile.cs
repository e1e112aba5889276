using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.Files;

/// <summary>GET /api/content/file/&lt;id&gt;/: one file; 404 when missing.</summary>
public static class GetFile
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } fileId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return await FileObject.QueryAsync(conn, fileId, 1, 0) is [var file] ? Results.Json(file) : KolibriErrors.NotFound(http);
    }
}
