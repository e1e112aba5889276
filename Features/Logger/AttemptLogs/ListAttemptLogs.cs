using Dapper;
using KolibriSlices.Features.Logger.MasteryLogs;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.AttemptLogs;

/// <summary>
/// GET /api/logger/attemptlog/: readable attempts filtered by masterylog, complete, user, item, content, mastery_level,
/// facility, classroom, learner_group; paged when page_size is given.
/// </summary>
public static class ListAttemptLogs
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var query = new QueryParams(http.Request);
        var masterylog = query.ModelChoice("masterylog");
        var complete = query.Bool("complete");
        var user = query.ModelChoice("user");
        var item = query.Get("item");
        var content = query.Uuid("content");
        var level = query.Int("mastery_level");
        var facility = query.ModelChoice("facility");
        var classroom = query.ModelChoice("classroom");
        var group = query.ModelChoice("learner_group");
        if (query.Errors is { } error) return error;
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;

        var args = new DynamicParameters();
        var where = new List<string> { Readable.Logs(CurrentUser.Of(http), "a", args) };
        void Add(string condition, string name, object? value)
        {
            if (value is null) return;
            where.Add(condition);
            args.Add(name, value);
        }
        Add("a.masterylog_id = @masterylog", "masterylog", masterylog);
        Add("a.complete = @complete", "complete", complete);
        Add("a.user_id = @user", "user", user);
        Add("a.item = @item", "item", item);
        Add("a.masterylog_id IN (SELECT cm.id FROM logger_masterylog cm JOIN logger_contentsummarylog cs ON cs.id = cm.summarylog_id WHERE cs.content_id = @content)", "content", content);
        Add("a.masterylog_id IN (SELECT lm.id FROM logger_masterylog lm WHERE lm.mastery_level = @level)", "level", level);
        where.AddRange(OwnerFilters.Where("a.user_id", facility, classroom, group, args));

        await using var conn = await db.OpenAsync(http.RequestAborted);
        var rows = (await conn.QueryAsync<AttemptLogObject.Row>(
            $"{AttemptLogObject.Select} WHERE {string.Join(" AND ", where)} ORDER BY a.start_timestamp, a.id", args)).ToList();
        return Paging.Respond(http, paging, rows);
    }
}
