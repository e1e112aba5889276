using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.MasteryLogs;

/// <summary>GET /api/logger/masterylog/?content=&amp;user=: readable tries, newest first; paged when page_size is given.</summary>
public static class ListMasteryLogs
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (where, args, error) = await MasteryLogQuery.FilterAsync(http, conn);
        if (error is not null) return error;
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;
        var rows = (await conn.QueryAsync<MasteryLogQuery.Row>($"{MasteryLogQuery.Select} WHERE {where} {MasteryLogQuery.Order}", args))
            .Select(MasteryLogQuery.Item.From).ToList();
        return Paging.Respond(http, paging, rows);
    }
}
