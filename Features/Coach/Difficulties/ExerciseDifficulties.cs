using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.Difficulties;

/// <summary>
/// GET /coach/api/exercisedifficulties/&lt;content_id&gt;/?classroom_id=[&amp;group_id][&amp;lesson_id]: completed attempts at
/// an exercise per question. With a lesson, only learners it is assigned to; with a group, only its members. The
/// practice-quiz variant counts only each learner's latest completed quiz try.
/// </summary>
public static class ExerciseDifficulties
{

    public sealed record Row
    {
        public required string Item { get; init; }
        public required long Total { get; init; }
        public required double Correct { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id, bool practiceQuiz)
    {
        var query = new QueryParams(http.Request);
        if (query.Get("classroom_id") is null)
            return KolibriErrors.Detail(412, "The following parameters were missing and are required: classroom_id");
        var classroom = query.Uuid("classroom_id");
        var group = query.Uuid("group_id");
        var lesson = query.Uuid("lesson_id");
        if (query.Errors is { } error) return error;
        if (Ids.Normalize(id) is not { } contentId) return KolibriErrors.NotFound(http);

        var user = CurrentUser.Of(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var lessonClassroom = lesson is null ? null
            : await conn.ExecuteScalarAsync<string?>("SELECT collection_id FROM lessons_lesson WHERE id = @lesson", new { lesson });
        if (!await CoachAccess.CoachesAsync(conn, user, lesson is not null ? lessonClassroom : group ?? classroom)) return KolibriErrors.Forbidden(http);

        var args = new DynamicParameters(new { contentId, group, lesson, classroom });
        var where = "s.content_id = @contentId AND a.complete = TRUE AND a.user_id IS NOT NULL";
        if (group is not null)
        {
            where += " AND a.user_id IN (SELECT gm.user_id FROM kolibriauth_membership gm WHERE gm.collection_id = @group)";
            if (lesson is not null)
                where += " AND EXISTS (SELECT 1 FROM lessons_lessonassignment la WHERE la.lesson_id = @lesson AND la.collection_id IN (@group, @classroom))";
        }
        else if (lesson is not null)
            where += """
                 AND a.user_id IN (SELECT lm.user_id FROM lessons_lessonassignment la JOIN kolibriauth_membership lm ON lm.collection_id = la.collection_id
                                   WHERE la.lesson_id = @lesson)
                """;
        if (practiceQuiz)
            where += """
                 AND a.masterylog_id IN (SELECT pm.id FROM logger_masterylog pm JOIN logger_contentsummarylog ps ON ps.id = pm.summarylog_id
                                         WHERE ps.content_id = @contentId AND pm.mastery_level < 0 AND pm.complete = TRUE
                                           AND NOT EXISTS (SELECT 1 FROM logger_masterylog newer WHERE newer.summarylog_id = pm.summarylog_id
                                                           AND newer.mastery_level < 0 AND newer.complete = TRUE
                                                           AND (newer.end_timestamp > pm.end_timestamp OR (newer.end_timestamp = pm.end_timestamp AND newer.id > pm.id))))
                """;
        var rows = (await conn.QueryAsync<Row>($"""
            SELECT a.item, COUNT(*) AS total, COALESCE(SUM(a.correct), 0) AS correct
            FROM logger_attemptlog a JOIN logger_contentsessionlog s ON s.id = a.sessionlog_id
            WHERE {where} GROUP BY a.item ORDER BY a.item COLLATE "BINARY"
            """, args)).ToList();
        if (practiceQuiz)
        {
            // Practice quizzes report per-question totals as the number of counted tries.
            var tries = await conn.ExecuteScalarAsync<long>($"""
                SELECT COUNT(DISTINCT a.masterylog_id) FROM logger_attemptlog a JOIN logger_contentsessionlog s ON s.id = a.sessionlog_id WHERE {where}
                """, args);
            rows = rows.Select(r => r with { Total = tries }).ToList();
        }
        return Results.Json(rows.Select(r => new Dictionary<string, object> { ["item"] = r.Item, ["total"] = r.Total, ["correct"] = r.Correct }).ToList());
    }
}
