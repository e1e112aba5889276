using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.MasteryLogs;

/// <summary>GET /api/logger/masterylog/&lt;id&gt;/?content=&amp;user=: one readable try, else 404.</summary>
public static class GetMasteryLog
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (where, args, error) = await MasteryLogQuery.FilterAsync(http, conn);
        if (error is not null) return error;
        if (Ids.Normalize(id) is not { } masteryId) return KolibriErrors.NotFound(http);
        args.Add("id", masteryId);
        var row = await conn.QuerySingleOrDefaultAsync<MasteryLogQuery.Row>($"{MasteryLogQuery.Select} WHERE {where} AND m.id = @id", args);
        return row is null ? KolibriErrors.NotFound(http) : Results.Json(MasteryLogQuery.Item.From(row));
    }
}
