using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Learn;

/// <summary>
/// The lesson and quiz cards learners see: their active lessons (with per-resource progress and node objects) and the
/// quizzes assigned to them that are active or already started. A fixed number of queries for any number of cards.
/// </summary>
public static class LearnerCards
{
    public sealed record LessonRow
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Description { get; init; }
        public required string Collection { get; init; }
        public required bool Active { get; init; }
        public required string Resources { get; init; }
        public required string ClassroomName { get; init; }
        public string? ClassroomParent { get; init; }
    }

    public sealed record ExamRow
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Collection { get; init; }
        public required bool Active { get; init; }
        public required bool Archive { get; init; }
        public required int QuestionCount { get; init; }
        public required int DataModelVersion { get; init; }
        public required string QuestionSources { get; init; }
    }

    public sealed record Summary
    {
        public required string ContentId { get; init; }
        public required double Progress { get; init; }
    }

    public sealed record TryRow
    {
        public required string ContentId { get; init; }
        public required bool Complete { get; init; }
        public required double Score { get; init; }
        public required long AnswerCount { get; init; }
    }

    public sealed record Classroom
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public string? Parent { get; init; }
    }

    private const string AssignedToCaller = """
        EXISTS (SELECT 1 FROM {0} aa JOIN kolibriauth_membership am ON am.collection_id = aa.collection_id
                WHERE aa.{1} = {2}.id AND am.user_id = @userId)
        """;

    public static string LessonsSql(string where) => $"""
        SELECT l.id, l.title, l.description, l.collection_id AS collection, l.is_active AS active, l.resources,
            c.name AS classroom_name, c.parent_id AS classroom_parent
        FROM lessons_lesson l JOIN kolibriauth_collection c ON c.id = l.collection_id
        WHERE l.is_active = TRUE AND {string.Format(AssignedToCaller, "lessons_lessonassignment", "lesson_id", "l")} AND {where}
        ORDER BY l.date_created DESC, l.id
        """;

    private static string ExamsSql(string where) => $"""
        SELECT e.id, e.title, e.collection_id AS collection, e.active, e.archive, e.question_count, e.data_model_version, e.question_sources
        FROM exams_exam e
        WHERE {string.Format(AssignedToCaller, "exams_examassignment", "exam_id", "e")}
          AND (e.active = TRUE OR EXISTS (SELECT 1 FROM logger_masterylog xm JOIN logger_contentsummarylog xs ON xs.id = xm.summarylog_id
                                          WHERE xs.content_id = e.id AND xm.user_id = @userId))
          AND {where}
        ORDER BY e.date_created DESC, e.id
        """;

    private const string SummariesSql = "SELECT content_id, progress FROM logger_contentsummarylog WHERE user_id = @userId AND content_id IN @contentIds";

    private const string TriesSql = """
        SELECT s.content_id, m.complete,
            (SELECT COALESCE(SUM(a.correct), 0) FROM logger_attemptlog a WHERE a.masterylog_id = m.id) AS score,
            (SELECT COUNT(*) FROM logger_attemptlog a WHERE a.masterylog_id = m.id) AS answer_count
        FROM logger_contentsummarylog s JOIN logger_masterylog m ON m.summarylog_id = s.id AND m.mastery_level < 0
        WHERE s.user_id = @userId AND s.content_id IN @examIds
        ORDER BY m.end_timestamp IS NULL, m.end_timestamp DESC
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Lesson cards for the caller among lessons matching <paramref name="where"/> (alias l).</summary>
    public static async Task<List<JsonObject>> LessonsAsync(DbConn conn, CurrentUser user, string where, object args, bool withClassroom)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("userId", user.Id);
        var lessons = (await conn.QueryAsync<LessonRow>(LessonsSql(where), parameters)).ToList();
        var resources = lessons.ToDictionary(l => l.Id, l => JsonNode.Parse(l.Resources) as JsonArray ?? []);
        var contentIds = resources.Values.SelectMany(r => r.OfType<JsonObject>()).Select(r => (string?)r["content_id"]).OfType<string>().Distinct().ToArray();
        var progress = contentIds.Length == 0 ? [] : (await conn.QueryAsync<Summary>(SummariesSql, new { userId = user.Id, contentIds }))
            .GroupBy(s => s.ContentId).ToDictionary(g => g.Key, g => g.First().Progress);
        var nodes = await ContentNodeProjection.ByIdAsync(conn, resources.Values.SelectMany(r => r.OfType<JsonObject>()).Select(r => (string?)r["contentnode_id"]).OfType<string>());

        return lessons.Select(l =>
        {
            var cards = new JsonArray();
            var missing = false;
            var total = 0.0;
            foreach (var resource in resources[l.Id].OfType<JsonObject>())
            {
                var card = (JsonObject)resource.DeepClone();
                var p = progress.GetValueOrDefault((string?)resource["content_id"] ?? "", 0);
                total += p;
                card["progress"] = p;
                var node = nodes.GetValueOrDefault((string?)resource["contentnode_id"] ?? "");
                if (node is not { Available: true }) missing = true;
                card["contentnode"] = node is { Available: true } ? JsonSerializer.SerializeToNode(node, Json) : null;
                cards.Add(card);
            }
            var lesson = new JsonObject
            {
                ["id"] = l.Id, ["title"] = l.Title, ["description"] = l.Description, ["collection"] = l.Collection, ["active"] = l.Active,
                ["resources"] = cards,
                ["progress"] = new JsonObject { ["resource_progress"] = total, ["total_resources"] = cards.Count },
                ["missing_resource"] = missing,
            };
            if (withClassroom)
                lesson["classroom"] = JsonSerializer.SerializeToNode(new Classroom { Id = l.Collection, Name = l.ClassroomName, Parent = l.ClassroomParent }, Json);
            return lesson;
        }).ToList();
    }

    /// <summary>Quiz cards for the caller among quizzes matching <paramref name="where"/> (alias e).</summary>
    public static async Task<List<JsonObject>> ExamsAsync(DbConn conn, CurrentUser user, string where, object args)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("userId", user.Id);
        var exams = (await conn.QueryAsync<ExamRow>(ExamsSql(where), parameters)).ToList();
        if (exams.Count == 0) return [];
        var tries = (await conn.QueryAsync<TryRow>(TriesSql, new { userId = user.Id, examIds = exams.Select(e => e.Id).ToArray() }))
            .GroupBy(t => t.ContentId).ToDictionary(g => g.Key, g => g.First());
        var exercises = exams.ToDictionary(e => e.Id, e => ContentReferences.QuizExerciseIds(e.QuestionSources));
        var nodes = await ContentNodeProjection.ByIdAsync(conn, exercises.Values.SelectMany(x => x));
        return exams.Select(e =>
        {
            var attempt = tries.GetValueOrDefault(e.Id);
            return new JsonObject
            {
                ["id"] = e.Id, ["title"] = e.Title, ["collection"] = e.Collection, ["active"] = e.Active, ["archive"] = e.Archive,
                ["question_count"] = e.QuestionCount, ["data_model_version"] = e.DataModelVersion,
                ["question_sources"] = JsonNode.Parse(e.QuestionSources),
                ["missing_resource"] = exercises[e.Id].Any(x => nodes.GetValueOrDefault(x) is not { Available: true }),
                ["progress"] = attempt is null
                    ? new JsonObject { ["started"] = false, ["closed"] = null, ["score"] = null, ["answer_count"] = null }
                    : new JsonObject { ["started"] = true, ["closed"] = attempt.Complete, ["score"] = attempt.Score, ["answer_count"] = attempt.AnswerCount },
            };
        }).ToList();
    }

    public sealed record ClassroomRow
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
    }

    /// <summary>The classrooms the caller is a member of (or the one asked for), each with its cards.</summary>
    public static async Task<List<JsonObject>> ClassroomsAsync(DbConn conn, CurrentUser user, string? classroomId = null)
    {
        var rooms = (await conn.QueryAsync<ClassroomRow>($"""
            SELECT c.id, c.name FROM kolibriauth_collection c JOIN kolibriauth_membership m ON m.collection_id = c.id
            WHERE m.user_id = @userId AND c.kind = 'classroom'{(classroomId is null ? "" : " AND c.id = @classroomId")}
            ORDER BY c.name COLLATE "BINARY", c.id
            """, new { userId = user.Id, classroomId })).ToList();
        if (rooms.Count == 0) return [];
        var ids = rooms.Select(r => r.Id).ToArray();
        var lessons = (await LessonsAsync(conn, user, "l.collection_id IN @rooms", new { rooms = ids }, withClassroom: false)).ToLookup(l => (string)l["collection"]!);
        var exams = (await ExamsAsync(conn, user, "e.collection_id IN @rooms", new { rooms = ids })).ToLookup(e => (string)e["collection"]!);
        return rooms.Select(r => new JsonObject
        {
            ["id"] = r.Id, ["name"] = r.Name,
            ["assignments"] = new JsonObject { ["lessons"] = new JsonArray(lessons[r.Id].ToArray<JsonNode>()), ["exams"] = new JsonArray(exams[r.Id].ToArray<JsonNode>()) },
        }).ToList();
    }
}
