using System.Text.Json;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Infrastructure;

/// <summary>Content nodes, lessons, quizzes and logs inserted directly, for the learning-activity tests.</summary>
public sealed partial class Seed
{
    public const string Channel = "c4a00000000000000000000000000001";

    public Task NodeAsync(string id, string contentId, string kind, string title, bool available = true, string channelId = Channel) =>
        ExecAsync("""
            INSERT INTO content_contentnode (id, title, content_id, channel_id, license_owner, author, kind, available, lft, rght,
                tree_id, level, coach_content, options, parent_id)
            VALUES (@id, @title, @contentId, @channelId, '', '', @kind, @available, 1, 2, 1, 1, FALSE, '{}', NULL)
            """, new { id, contentId, channelId, kind, title, available });

    /// <summary>A lesson of <paramref name="classroomId"/> over the given (node, content) pairs, assigned to the collections.</summary>
    public async Task<string> LessonAsync(string classroomId, string title, bool active, (string Node, string Content)[] resources,
        string[] assignedTo, string? id = null, string createdAt = "2025-01-01T10:00:00.000000Z")
    {
        id ??= Ids.New();
        var json = JsonSerializer.Serialize(resources.Select(r => new Dictionary<string, string>
        {
            ["contentnode_id"] = r.Node, ["content_id"] = r.Content, ["channel_id"] = Channel,
        }));
        await ExecAsync("""
            INSERT INTO lessons_lesson (id, title, description, resources, is_active, collection_id, dataset_id, date_created, created_by_id)
            SELECT @id, @title, '', @json, @active, id, dataset_id, @createdAt, NULL FROM kolibriauth_collection WHERE id = @classroomId
            """, new { id, title, json, active, classroomId, createdAt });
        foreach (var collection in assignedTo)
            await ExecAsync("""
                INSERT INTO lessons_lessonassignment (id, lesson_id, collection_id, dataset_id, assigned_by_id)
                SELECT @assignmentId, @id, id, dataset_id, NULL FROM kolibriauth_collection WHERE id = @collection
                """, new { assignmentId = Ids.New(), id, collection });
        return id;
    }

    /// <summary>A published quiz with one section holding the given (exercise node, question id) pairs.</summary>
    public async Task<string> ExamAsync(string classroomId, string title, bool active, string[] assignedTo,
        (string Exercise, string Question)[]? questions = null, bool archive = false, string? id = null,
        string createdAt = "2025-01-02T10:00:00.000000Z")
    {
        id ??= Ids.New();
        questions ??= [("e0000000000000000000000000000001", "q0000000000000000000000000000001")];
        var sources = JsonSerializer.Serialize(new[]
        {
            new
            {
                section_title = "Part 1", description = "", learners_see_fixed_order = false,
                questions = questions.Select((q, i) => new { exercise_id = q.Exercise, question_id = q.Question, title = $"Question {i + 1}", counter_in_exercise = i + 1 }),
            },
        });
        await ExecAsync("""
            INSERT INTO exams_exam (id, title, question_count, question_sources, seed, active, archive, collection_id, creator_id,
                dataset_id, data_model_version, learners_see_fixed_order, date_created, date_activated)
            SELECT @id, @title, @count, @sources, 1, @active, @archive, id, NULL, dataset_id, 3, FALSE, @createdAt, NULL
            FROM kolibriauth_collection WHERE id = @classroomId
            """, new { id, title, count = questions.Length, sources, active, archive, classroomId, createdAt });
        foreach (var collection in assignedTo)
            await ExecAsync("""
                INSERT INTO exams_examassignment (id, exam_id, collection_id, dataset_id, assigned_by_id)
                SELECT @assignmentId, @id, id, dataset_id, NULL FROM kolibriauth_collection WHERE id = @collection
                """, new { assignmentId = Ids.New(), id, collection });
        return id;
    }

    /// <summary>A summary log for (user, content) with the given progress; returns its id.</summary>
    public async Task<string> SummaryLogAsync(string userId, string contentId, double progress, string kind = "video", double timeSpent = 0,
        string endTimestamp = "2025-02-01T10:00:00.000000Z")
    {
        var id = Ids.Deterministic(userId, contentId, "summarylog");
        await ExecAsync("""
            INSERT INTO logger_contentsummarylog (id, user_id, content_id, channel_id, kind, start_timestamp, end_timestamp,
                completion_timestamp, time_spent, progress, extra_fields, dataset_id)
            SELECT @id, @userId, @contentId, @channel, @kind, @end, @end, CASE WHEN @progress >= 1 THEN @end END, @timeSpent, @progress, '{}', dataset_id
            FROM kolibriauth_facilityuser WHERE id = @userId
            """, new { id, userId, contentId, channel = Channel, kind, progress, timeSpent, end = endTimestamp });
        return id;
    }

    /// <summary>A try on a summary log; returns its id.</summary>
    public async Task<string> MasteryLogAsync(string summaryId, int level, bool complete, string criterion = """{"type": "m_of_n", "m": 8, "n": 10}""",
        double? timeSpent = 0, string endTimestamp = "2025-02-01T10:00:00.000000Z")
    {
        var id = Ids.New();
        await ExecAsync("""
            INSERT INTO logger_masterylog (id, user_id, summarylog_id, mastery_criterion, start_timestamp, end_timestamp,
                completion_timestamp, mastery_level, complete, time_spent, dataset_id)
            SELECT @id, user_id, id, @criterion, @end, @end, CASE WHEN @complete THEN @end END, @level, @complete, @timeSpent, dataset_id
            FROM logger_contentsummarylog WHERE id = @summaryId
            """, new { id, summaryId, criterion, end = endTimestamp, level, complete, timeSpent });
        return id;
    }

    /// <summary>Attempts on a try (and a session log made for them); returns the attempt ids in order.</summary>
    public async Task<List<string>> AttemptsAsync(string masteryId, int count, double correct = 1, string itemPrefix = "item",
        string startBase = "2025-02-01T10:00:00", double timeSpent = 10)
    {
        var sessionId = Ids.New();
        await ExecAsync("""
            INSERT INTO logger_contentsessionlog (id, user_id, content_id, channel_id, kind, start_timestamp, end_timestamp, time_spent, progress, extra_fields, dataset_id)
            SELECT @sessionId, s.user_id, s.content_id, s.channel_id, s.kind, s.start_timestamp, s.end_timestamp, 0, 0, '{}', s.dataset_id
            FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id WHERE m.id = @masteryId
            """, new { sessionId, masteryId });
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = Ids.New();
            var stamp = $"{startBase}.{i:000000}Z";
            await ExecAsync("""
                INSERT INTO logger_attemptlog (id, item, start_timestamp, end_timestamp, time_spent, complete, correct, hinted, answer,
                    simple_answer, interaction_history, masterylog_id, sessionlog_id, user_id, dataset_id, error)
                SELECT @id, @item, @stamp, @stamp, @timeSpent, TRUE, @correct, FALSE, '{}', '', '[]', id, @sessionId, user_id, dataset_id, FALSE
                FROM logger_masterylog WHERE id = @masteryId
                """, new { id, item = $"{itemPrefix}{i}", stamp, timeSpent, correct, sessionId, masteryId });
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>A learner of the facility, member of the given collections.</summary>
    public async Task<string> LearnerAsync(string username, params string[] memberOf)
    {
        var id = await UserAsync(null, username, Known.Facility);
        foreach (var collection in memberOf) await MembershipAsync(id, collection);
        return id;
    }
}
