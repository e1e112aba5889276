using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.Files;

/// <summary>GET /api/content/file/: every file (available or not) by priority; page-number pagination with page_size.</summary>
public static class ListFiles
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, error) = Paging.Parse(http);
        if (error is not null) return error;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (paging is null) return Results.Json(await FileObject.QueryAsync(conn, null, int.MaxValue, 0));
        var count = await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM content_file f JOIN content_localfile lf ON lf.id = f.local_file_id");
        return paging.Envelope(http, count, await FileObject.QueryAsync(conn, null, paging.Size, paging.Offset));
    }
}
