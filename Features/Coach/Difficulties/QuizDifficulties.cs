using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.Difficulties;

/// <summary>
/// GET /coach/api/quizdifficulties/&lt;exam_id&gt;/[?group_id=]: per question of a coach quiz, the correct answers, and as
/// total the learners (of the group, or the quiz's classroom) with a try — only submitted tries while the quiz is open.
/// </summary>
public static class QuizDifficulties
{
    public sealed record Exam
    {
        public required string CollectionId { get; init; }
        public required bool Active { get; init; }
    }

    public sealed record Row
    {
        public required string Item { get; init; }
        public required double Correct { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        var query = new QueryParams(http.Request);
        var group = query.Uuid("group_id");
        if (query.Errors is { } error) return error;
        var user = CurrentUser.Of(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var examId = Ids.Normalize(id);
        var exam = examId is null ? null : await conn.QuerySingleOrDefaultAsync<Exam>("SELECT collection_id, active FROM exams_exam WHERE id = @examId", new { examId });
        if (exam is null || !await CoachAccess.CoachesAsync(conn, user, exam.CollectionId)) return KolibriErrors.Forbidden(http);

        var members = group ?? exam.CollectionId;
        var tryFilter = exam.Active ? " AND m.complete = TRUE" : "";
        var args = new { examId, members };
        var scope = $"""
            FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id
            WHERE s.content_id = @examId AND m.mastery_level < 0{tryFilter}
              AND m.user_id IN (SELECT cm.user_id FROM kolibriauth_membership cm WHERE cm.collection_id = @members)
            """;
        var total = await conn.ExecuteScalarAsync<long>($"SELECT COUNT(DISTINCT m.user_id) {scope}", args);
        var rows = await conn.QueryAsync<Row>($"""
            SELECT a.item, COALESCE(SUM(a.correct), 0) AS correct FROM logger_attemptlog a
            WHERE a.masterylog_id IN (SELECT m.id {scope}) GROUP BY a.item ORDER BY a.item COLLATE "BINARY"
            """, args);
        return Results.Json(rows.Select(r => new Dictionary<string, object> { ["item"] = r.Item, ["correct"] = r.Correct, ["total"] = total }).ToList());
    }
}
