using Dapper;
using KolibriSlices.Features.Content.UserNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ContentNodeProgress;

/// <summary>
/// GET /api/content/contentnodeprogress/?&lt;filters&gt;: for each content the caller has a summary log for among the
/// matching non-topic nodes, its progress and the answer counts of the latest try. Always a bare array.
/// </summary>
public static class ListNodeProgress
{

    public sealed record Item
    {
        public required string ContentId { get; init; }
        public required double Progress { get; init; }
        public long? NumQuestionAnswered { get; init; }
        public long? NumQuestionAnsweredCorrectly { get; init; }
        public long? TotalQuestions { get; init; }
    }

    public static string Sql(string where) => $"""
        SELECT s.content_id, s.progress,
            (SELECT COUNT(*) FROM logger_attemptlog a WHERE a.masterylog_id = lm.id) AS num_question_answered,
            (SELECT COUNT(*) FROM logger_attemptlog a WHERE a.masterylog_id = lm.id AND a.correct >= 1) AS num_question_answered_correctly,
            (SELECT MAX(am.number_of_assessments) FROM content_assessmentmetadata am JOIN content_contentnode an ON an.id = am.contentnode_id
             WHERE an.content_id = s.content_id) AS total_questions,
            lm.id AS latest_try
        FROM logger_contentsummarylog s
        LEFT JOIN logger_masterylog lm ON lm.id = (SELECT m.id FROM logger_masterylog m WHERE m.summarylog_id = s.id
                                                   ORDER BY m.end_timestamp IS NULL, m.end_timestamp DESC, m.id LIMIT 1)
        WHERE s.user_id = @userId
          AND s.content_id IN (SELECT n.content_id FROM content_contentnode n WHERE n.kind <> 'topic' AND {where})
        ORDER BY s.content_id
        """;

    public sealed record Row
    {
        public required string ContentId { get; init; }
        public required double Progress { get; init; }
        public required long NumQuestionAnswered { get; init; }
        public required long NumQuestionAnsweredCorrectly { get; init; }
        public long? TotalQuestions { get; init; }
        public string? LatestTry { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var args = new DynamicParameters();
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (where, error) = await NodeFilters.ParseAsync(http.Request, conn, args);
        if (error is not null) return error;
        var user = CurrentUser.Of(http);
        if (user is null) return Results.Json(Array.Empty<Item>());
        args.Add("userId", user.Id);
        var rows = await conn.QueryAsync<Row>(Sql(where.Count == 0 ? "1 = 1" : string.Join(" AND ", where)), args);
        return Results.Json(rows.Select(ItemOf).ToList());
    }

    public static Item ItemOf(Row r) => new()
    {
        ContentId = r.ContentId, Progress = r.Progress,
        NumQuestionAnswered = r.LatestTry is null ? null : r.NumQuestionAnswered,
        NumQuestionAnsweredCorrectly = r.LatestTry is null ? null : r.NumQuestionAnsweredCorrectly,
        TotalQuestions = r.TotalQuestions,
    };
}
