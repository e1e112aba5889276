using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.AttemptLogs;

/// <summary>GET /api/logger/attemptlog/&lt;id&gt;/: one readable attempt, else 404.</summary>
public static class GetAttemptLog
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } attemptId) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = attemptId });
        var readable = Readable.Logs(CurrentUser.Of(http), "a", args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<AttemptLogObject.Row>($"{AttemptLogObject.Select} WHERE a.id = @id AND {readable}", args);
        return row is null ? KolibriErrors.NotFound(http) : Results.Json(row);
    }
}
