using System.Text.Json;
using Dapper;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.TrackProgress;

/// <summary>
/// The coach notifications progress tracking raises (learning contract §9): resource/lesson started and completed,
/// help needed, quiz started/answered/completed. Written after the progress is committed, in a transaction of their
/// own; a failure is logged and never changes the response.
/// </summary>
public static class ProgressNotifications
{
    public sealed record LessonRow
    {
        public required string Id { get; init; }
        public required string CollectionId { get; init; }
        public required string Resources { get; init; }
    }

    public sealed record Target
    {
        public required string Id { get; init; }
        public required string ClassroomId { get; init; }
        public required string Resources { get; init; }
        public required List<string> Collections { get; init; }
    }

    public sealed record Assigned
    {
        public required string OwnerId { get; init; }
        public required string CollectionId { get; init; }
    }

    private const string LessonsSql = """
        SELECT l.id, l.collection_id, l.resources FROM lessons_lesson l
        WHERE l.is_active = TRUE AND l.resources LIKE @pattern AND (@lessonId IS NULL OR l.id = @lessonId)
          AND EXISTS (SELECT 1 FROM lessons_lessonassignment la JOIN kolibriauth_membership m ON m.collection_id = la.collection_id
                      WHERE la.lesson_id = l.id AND m.user_id = @userId)
        """;

    private const string LessonCollectionsSql = """
        SELECT la.lesson_id AS owner_id, la.collection_id FROM lessons_lessonassignment la
        JOIN kolibriauth_membership m ON m.collection_id = la.collection_id AND m.user_id = @userId WHERE la.lesson_id IN @ids
        """;

    private const string ExistsSql = """
        SELECT COUNT(*) FROM notifications_learnerprogressnotification
        WHERE user_id = @userId AND notification_object = @obj AND notification_event = @evt
          AND COALESCE(lesson_id, '') = COALESCE(@lessonId, '') AND COALESCE(quiz_id, '') = COALESCE(@quizId, '')
          AND COALESCE(contentnode_id, '') = COALESCE(@nodeId, '')
        """;

    private const string InsertSql = """
        INSERT INTO notifications_learnerprogressnotification (notification_object, notification_event, user_id, classroom_id,
            assignment_collections, contentnode_id, lesson_id, quiz_id, quiz_num_correct, quiz_num_answered, reason, timestamp)
        VALUES (@obj, @evt, @userId, @classroomId, @collections, @nodeId, @lessonId, @quizId, @numCorrect, @numAnswered, @reason, @now)
        """;

    private const string AdvanceHelpSql = """
        UPDATE notifications_learnerprogressnotification SET timestamp = @now
        WHERE user_id = @userId AND notification_event = 'HelpNeeded' AND lesson_id = @lessonId AND contentnode_id = @nodeId
        """;

    private const string LessonProgressSql = """
        SELECT COUNT(*) FROM logger_contentsummarylog WHERE user_id = @userId AND content_id IN @contents
          AND (progress >= 1 OR completion_timestamp IS NOT NULL)
        """;

    private const string FailuresSql = "SELECT interaction_history FROM logger_attemptlog WHERE masterylog_id = @tryId";

    private const string QuizSql = """
        SELECT e.id, e.collection_id, '' AS resources FROM exams_exam e WHERE e.id = @quizId
        """;

    private const string QuizCollectionsSql = """
        SELECT ea.exam_id AS owner_id, ea.collection_id FROM exams_examassignment ea
        JOIN kolibriauth_membership m ON m.collection_id = ea.collection_id AND m.user_id = @userId WHERE ea.exam_id = @quizId
        """;

    private const string QuizScoreSql = """
        SELECT COALESCE(SUM(correct), 0) AS correct, COUNT(*) AS answered FROM logger_attemptlog WHERE masterylog_id = @tryId
        """;

    public sealed record Score
    {
        public required double Correct { get; init; }
        public required long Answered { get; init; }
    }

    /// <summary>Runs <paramref name="work"/> in its own write transaction; errors are logged, not raised.</summary>
    public static async Task SafeAsync(HttpContext http, Db db, Func<DbConn, Task> work)
    {
        try
        {
            await db.WriteAsync(async conn =>
            {
                await work(conn);
                return true;
            }, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("KolibriSlices.Notifications")
                .LogWarning(e, "Could not record progress notifications");
        }
    }

    private static async Task<List<Target>> LessonsAsync(DbConn conn, string userId, string contentId, string? lessonId)
    {
        var lessons = (await conn.QueryAsync<LessonRow>(LessonsSql, new { pattern = $"%{contentId}%", lessonId, userId })).ToList();
        if (lessons.Count == 0) return [];
        var collections = (await conn.QueryAsync<Assigned>(LessonCollectionsSql, new { userId, ids = lessons.Select(l => l.Id).ToArray() }))
            .ToLookup(a => a.OwnerId, a => a.CollectionId);
        return lessons.Where(l => Contents(l.Resources).Contains(contentId))
            .Select(l => new Target { Id = l.Id, ClassroomId = l.CollectionId, Resources = l.Resources, Collections = collections[l.Id].Distinct().ToList() })
            .ToList();
    }

    private static List<string> Contents(string resources)
    {
        try
        {
            using var doc = JsonDocument.Parse(resources);
            return doc.RootElement.ValueKind != JsonValueKind.Array ? [] : doc.RootElement.EnumerateArray()
                .Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("content_id", out var c) && c.ValueKind == JsonValueKind.String)
                .Select(r => r.GetProperty("content_id").GetString()!).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static async Task AddAsync(DbConn conn, string obj, string evt, string userId, Target target, string now, string? nodeId = null,
        string? lessonId = null, string? quizId = null, long? numCorrect = null, long? numAnswered = null, string reason = "", bool once = true)
    {
        var args = new
        {
            obj, evt, userId, classroomId = target.ClassroomId, collections = JsonSerializer.Serialize(target.Collections), nodeId, lessonId, quizId,
            numCorrect, numAnswered, reason, now,
        };
        if (once && await conn.ExecuteScalarAsync<long>(ExistsSql, args) > 0) return;
        await conn.ExecuteAsync(InsertSql, args);
    }

    /// <summary>A non-exercise resource was opened for the first time: Resource and Lesson Started in each lesson holding it.</summary>
    public static async Task ResourceStartedAsync(DbConn conn, string userId, string nodeId, string contentId, string now)
    {
        foreach (var lesson in await LessonsAsync(conn, userId, contentId, null))
        {
            await AddAsync(conn, "Resource", "Started", userId, lesson, now, nodeId, lesson.Id);
            await AddAsync(conn, "Lesson", "Started", userId, lesson, now, lessonId: lesson.Id);
        }
    }

    /// <summary>A resource became complete: Resource Completed, and Lesson Completed once every resource is done.</summary>
    public static async Task ResourceCompletedAsync(DbConn conn, string userId, string nodeId, string contentId, string now)
    {
        foreach (var lesson in await LessonsAsync(conn, userId, contentId, null))
        {
            await AddAsync(conn, "Resource", "Completed", userId, lesson, now, nodeId, lesson.Id);
            var contents = Contents(lesson.Resources).Distinct().ToArray();
            if (await conn.ExecuteScalarAsync<long>(LessonProgressSql, new { userId, contents }) >= contents.Length)
                await AddAsync(conn, "Lesson", "Completed", userId, lesson, now, lessonId: lesson.Id);
        }
    }

    /// <summary>
    /// An exercise attempt in a lesson: Resource/Lesson Started, Resource Answered, and Help Needed once the try holds four or
    /// more entries that are not correct answers (its time moves on while the failures continue).
    /// </summary>
    public static async Task LessonAttemptAsync(DbConn conn, string userId, string nodeId, string contentId, string lessonId, string? tryId, string now)
    {
        foreach (var lesson in await LessonsAsync(conn, userId, contentId, lessonId))
        {
            await AddAsync(conn, "Resource", "Started", userId, lesson, now, nodeId, lesson.Id);
            await AddAsync(conn, "Lesson", "Started", userId, lesson, now, lessonId: lesson.Id);
            await AddAsync(conn, "Resource", "Answered", userId, lesson, now, nodeId, lesson.Id);
            if (tryId is null) continue;
            var failures = 0;
            foreach (var history in await conn.QueryAsync<string>(FailuresSql, new { tryId }))
                using (var doc = JsonDocument.Parse(history))
                    failures += doc.RootElement.EnumerateArray().Count(e =>
                        !(e.TryGetProperty("type", out var t) && t.GetString() == "answer" && e.TryGetProperty("correct", out var c)
                          && c.ValueKind == JsonValueKind.Number && c.GetDouble() >= 1));
            if (failures < 4) continue;
            if (await conn.ExecuteAsync(AdvanceHelpSql, new { now, userId, lessonId = lesson.Id, nodeId }) == 0)
                await AddAsync(conn, "Resource", "HelpNeeded", userId, lesson, now, nodeId, lesson.Id, reason: "MultipleUnsuccessfulAttempts", once: false);
        }
    }

    /// <summary>Quiz Started (first try), Answered (first attempt) or Completed (with the try's score).</summary>
    public static async Task QuizAsync(DbConn conn, string userId, string quizId, string evt, string now, string? tryId = null)
    {
        var quiz = await conn.QuerySingleOrDefaultAsync<LessonRow>(QuizSql, new { quizId });
        if (quiz is null) return;
        var collections = (await conn.QueryAsync<Assigned>(QuizCollectionsSql, new { userId, quizId })).Select(a => a.CollectionId).Distinct().ToList();
        var target = new Target { Id = quizId, ClassroomId = quiz.CollectionId, Resources = "", Collections = collections };
        Score? score = null;
        if (tryId is not null) score = await conn.QuerySingleAsync<Score>(QuizScoreSql, new { tryId });
        await AddAsync(conn, "Quiz", evt, userId, target, now, quizId: quizId,
            numCorrect: score is null ? (evt == "Started" ? 0 : null) : (long)score.Correct,
            numAnswered: score?.Answered ?? (evt == "Started" ? 0 : null));
    }
}
