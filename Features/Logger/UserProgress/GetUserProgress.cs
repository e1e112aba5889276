using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.UserProgress;

/// <summary>
/// Per summary log: the number of complete tries when it has tries, else 1 for a finished resource. Only for oneself.
/// </summary>
public static class GetUserProgress
{
    private const string ProgressSql = """
        SELECT COALESCE(SUM(CASE
            WHEN EXISTS (SELECT 1 FROM logger_masterylog m WHERE m.summarylog_id = s.id)
                THEN (SELECT COUNT(*) FROM logger_masterylog m WHERE m.summarylog_id = s.id AND m.complete = TRUE)
            WHEN s.progress = 1 THEN 1 ELSE 0 END), 0)
        FROM logger_contentsummarylog s WHERE s.user_id = @id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        var user = CurrentUser.Of(http);
        if (user is null || Ids.Normalize(id) != user.Id) return KolibriErrors.Forbidden(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var progress = await conn.ExecuteScalarAsync<long>(ProgressSql, new { id = user.Id });
        return Results.Json(new Dictionary<string, object> { ["id"] = user.Id, ["progress"] = progress });
    }
}
