using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.ClassSummary;

/// <summary>
/// GET /coach/api/classsummary/&lt;classroom_id&gt;/: coaches, learners, groups, lessons, quizzes, their content and every
/// learner's status on them. A fixed number of queries whatever the number of learners, lessons or quizzes.
/// </summary>
public static class GetClassSummary
{
    public sealed record Classroom
    {
        public required string Id { get; init; }
        public required string FacilityId { get; init; }
        public required string Name { get; init; }
    }

    public sealed record Person
    {
        public required string Id { get; init; }
        public required string Username { get; init; }
        public required string Name { get; init; }
    }

    public sealed record Group
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Kind { get; init; }
    }

    public sealed record Member
    {
        public required string CollectionId { get; init; }
        public required string UserId { get; init; }
    }

    public sealed record Lesson
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Description { get; init; }
        public required bool Active { get; init; }
        public required string Resources { get; init; }
        public string? CreatedBy { get; init; }
        public required string DateCreated { get; init; }
    }

    public sealed record ExamRow
    {
        public required string Id { get; init; }
        public long? DraftId { get; init; }
        public required string Title { get; init; }
        public required string QuestionSources { get; init; }
        public required int Seed { get; init; }
        public required int QuestionCount { get; init; }
        public string? Creator { get; init; }
        public required int DataModelVersion { get; init; }
        public required bool LearnersSeeFixedOrder { get; init; }
        public string? DateCreated { get; init; }
        public required bool Active { get; init; }
        public required bool Archive { get; init; }
        public string? DateArchived { get; init; }
        public string? DateActivated { get; init; }
        public string? Assignments { get; init; }
        public string? LearnerIds { get; init; }
    }

    public sealed record Node
    {
        public required string NodeId { get; init; }
        public required string ContentId { get; init; }
        public required string Title { get; init; }
        public required string Kind { get; init; }
        public required string ChannelId { get; init; }
        public required bool Available { get; init; }
        public string? Options { get; init; }
    }

    public sealed record SummaryRow
    {
        public required string LearnerId { get; init; }
        public required string ContentId { get; init; }
        public required double Progress { get; init; }
        public string? LastActivity { get; init; }
        public required double TimeSpent { get; init; }
        public required long Tries { get; init; }
        public required long Attempts { get; init; }
        public required string Kind { get; init; }
    }

    public sealed record TryRow
    {
        public required string Id { get; init; }
        public required string LearnerId { get; init; }
        public required string ContentId { get; init; }
        public required bool Complete { get; init; }
        public string? EndTimestamp { get; init; }
        public string? LastAttempt { get; init; }
        public required double NumCorrect { get; init; }
        public required long NumAnswered { get; init; }
    }

    public sealed record CorrectItem
    {
        public required string MasterylogId { get; init; }
        public required string Item { get; init; }
    }

    public sealed record NotificationRow
    {
        public required string UserId { get; init; }
        public string? ContentnodeId { get; init; }
        public required string NotificationEvent { get; init; }
        public required string Timestamp { get; init; }
    }

    private const string ClassroomSql = "SELECT id, parent_id AS facility_id, name FROM kolibriauth_collection WHERE id = @id AND kind = 'classroom'";

    private const string CoachesSql = """
        SELECT u.id, u.username, u.full_name AS name FROM kolibriauth_role r JOIN kolibriauth_facilityuser u ON u.id = r.user_id
        WHERE r.collection_id = @id AND r.kind = 'coach' ORDER BY u.username COLLATE "BINARY", u.id
        """;

    private const string LearnersSql = """
        SELECT u.id, u.username, u.full_name AS name FROM kolibriauth_membership m JOIN kolibriauth_facilityuser u ON u.id = m.user_id
        WHERE m.collection_id = @id ORDER BY u.username COLLATE "BINARY", u.id
        """;

    private const string GroupsSql = """
        SELECT id, name, kind FROM kolibriauth_collection WHERE parent_id = @id AND kind IN ('learnergroup', 'adhoclearnersgroup')
        ORDER BY name COLLATE "BINARY", id
        """;

    private const string GroupMembersSql = """
        SELECT m.collection_id, m.user_id FROM kolibriauth_membership m JOIN kolibriauth_collection c ON c.id = m.collection_id
        WHERE c.parent_id = @id ORDER BY m.user_id
        """;

    private const string LessonsSql = """
        SELECT id, title, description, is_active AS active, resources, created_by_id AS created_by, date_created
        FROM lessons_lesson WHERE collection_id = @id ORDER BY date_created DESC, id
        """;

    private const string ExamsSql = """
        SELECT id, NULL AS draft_id, title, question_sources, seed, question_count, creator_id AS creator, data_model_version,
            learners_see_fixed_order, date_created, active, archive, date_archived, date_activated, NULL AS assignments, NULL AS learner_ids
        FROM exams_exam WHERE collection_id = @id
        UNION ALL
        SELECT '', id, title, question_sources, seed, question_count, creator_id, data_model_version, learners_see_fixed_order,
            date_created, FALSE, FALSE, NULL, NULL, assignments, learner_ids
        FROM exams_draftexam WHERE collection_id = @id
        """;

    private const string NodesSql = """
        SELECT id AS node_id, content_id, title, kind, channel_id, available, options FROM content_contentnode WHERE id IN @ids
        """;

    private const string SummariesSql = """
        SELECT s.user_id AS learner_id, s.content_id, s.progress, s.end_timestamp AS last_activity, s.time_spent, s.kind,
            (SELECT COUNT(*) FROM logger_masterylog m WHERE m.summarylog_id = s.id) AS tries,
            (SELECT COUNT(*) FROM logger_attemptlog a JOIN logger_masterylog am ON am.id = a.masterylog_id WHERE am.summarylog_id = s.id) AS attempts
        FROM logger_contentsummarylog s
        WHERE s.content_id IN @contents AND s.user_id IN (SELECT m.user_id FROM kolibriauth_membership m WHERE m.collection_id = @id)
        ORDER BY s.user_id, s.content_id
        """;

    private const string TriesSql = """
        SELECT m.id, s.user_id AS learner_id, s.content_id, m.complete, m.end_timestamp,
            (SELECT MAX(a.end_timestamp) FROM logger_attemptlog a WHERE a.masterylog_id = m.id) AS last_attempt,
            (SELECT COALESCE(SUM(a.correct), 0) FROM logger_attemptlog a WHERE a.masterylog_id = m.id) AS num_correct,
            (SELECT COUNT(*) FROM logger_attemptlog a WHERE a.masterylog_id = m.id) AS num_answered
        FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id
        WHERE m.mastery_level < 0 AND s.content_id IN @contents
          AND s.user_id IN (SELECT cm.user_id FROM kolibriauth_membership cm WHERE cm.collection_id = @id)
        ORDER BY m.end_timestamp IS NULL, m.end_timestamp DESC, m.id
        """;

    private const string CorrectItemsSql = """
        SELECT DISTINCT a.masterylog_id, a.item FROM logger_attemptlog a WHERE a.masterylog_id IN @tries AND a.correct >= 1
        """;

    private const string NotificationsSql = """
        SELECT user_id, contentnode_id, notification_event, timestamp FROM notifications_learnerprogressnotification
        WHERE classroom_id = @id AND lesson_id IN @lessons AND notification_event IN ('HelpNeeded', 'Completed')
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        var user = CurrentUser.Of(http);
        if (user is null || Ids.Normalize(id) is not { } classroomId) return KolibriErrors.Forbidden(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var classroom = await conn.QuerySingleOrDefaultAsync<Classroom>(ClassroomSql, new { id = classroomId });
        if (classroom is null || !Readable.CoachesCollection(user, classroom.Id, classroom.FacilityId)) return KolibriErrors.Forbidden(http);
        var args = new { id = classroomId };

        var coaches = (await conn.QueryAsync<Person>(CoachesSql, args)).ToList();
        var learners = (await conn.QueryAsync<Person>(LearnersSql, args)).ToList();
        var groups = (await conn.QueryAsync<Group>(GroupsSql, args)).ToList();
        var members = (await conn.QueryAsync<Member>(GroupMembersSql, args)).ToLookup(m => m.CollectionId, m => m.UserId);
        JsonArray GroupList(string kind) => new(groups.Where(g => g.Kind == kind)
            .Select(g => (JsonNode)new JsonObject { ["id"] = g.Id, ["name"] = g.Name, ["member_ids"] = new JsonArray(members[g.Id].Select(m => (JsonNode)m!).ToArray()) }).ToArray());

        var lessons = (await conn.QueryAsync<Lesson>(LessonsSql, args)).ToList();
        var exams = (await conn.QueryAsync<ExamRow>(ExamsSql, args)).ToList();
        var (lessonCollections, lessonLearners) = await Assignments.LoadAsync(conn, AssignmentTable.Lessons, lessons.Select(l => l.Id).ToList());
        var published = exams.Where(e => e.DraftId is null).Select(e => e.Id).ToList();
        var (examCollections, examLearners) = await Assignments.LoadAsync(conn, AssignmentTable.Exams, published);

        var lessonResources = lessons.ToDictionary(l => l.Id, l => JsonNode.Parse(l.Resources) as JsonArray ?? []);
        var lessonNodes = lessonResources.ToDictionary(kv => kv.Key, kv => kv.Value.OfType<JsonObject>().Select(r => (string?)r["contentnode_id"] ?? "").ToList());
        var examNodes = exams.ToDictionary(ExamKey, e => ContentReferences.QuizExerciseIds(e.QuestionSources));
        var allNodeIds = lessonNodes.Values.Concat(examNodes.Values).SelectMany(n => n).Distinct().ToArray();
        var nodes = allNodeIds.Length == 0 ? [] : (await conn.QueryAsync<Node>(NodesSql, new { ids = allNodeIds })).ToDictionary(n => n.NodeId);
        bool Missing(IEnumerable<string> ids) => ids.Any(n => !nodes.TryGetValue(n, out var node) || !node.Available);

        var lessonItems = lessons.Select(l =>
        {
            var assigned = lessonCollections[l.Id].ToList();
            return (JsonNode)new JsonObject
            {
                ["id"] = l.Id, ["title"] = l.Title, ["description"] = l.Description, ["active"] = l.Active, ["resources"] = lessonResources[l.Id].DeepClone(),
                ["collection"] = classroomId,
                ["classroom"] = new JsonObject { ["id"] = classroomId, ["name"] = classroom.Name, ["parent"] = classroom.FacilityId },
                ["created_by"] = l.CreatedBy, ["date_created"] = l.DateCreated,
                ["assignments"] = Strings(assigned), ["learner_ids"] = Strings(lessonLearners[l.Id]),
                ["node_ids"] = Strings(lessonNodes[l.Id]), ["groups"] = Strings(assigned.Where(c => c != classroomId)),
                ["missing_resource"] = Missing(lessonNodes[l.Id]),
            };
        }).ToArray();

        var examItems = exams.OrderBy(e => e.DateCreated is null).ThenByDescending(e => e.DateCreated, StringComparer.Ordinal).Select(e =>
        {
            var draft = e.DraftId is not null;
            var assigned = draft ? IdsIn(e.Assignments) : examCollections[e.Id].ToList();
            return (JsonNode)new JsonObject
            {
                ["id"] = draft ? JsonValue.Create(e.DraftId!.Value) : JsonValue.Create(e.Id), ["title"] = e.Title,
                ["question_sources"] = JsonNode.Parse(e.QuestionSources), ["seed"] = e.Seed, ["collection"] = classroomId,
                ["question_count"] = e.QuestionCount, ["creator"] = e.Creator, ["data_model_version"] = e.DataModelVersion,
                ["learners_see_fixed_order"] = e.LearnersSeeFixedOrder, ["date_created"] = e.DateCreated, ["active"] = e.Active,
                ["archive"] = e.Archive, ["date_archived"] = e.DateArchived, ["date_activated"] = e.DateActivated,
                ["assignments"] = Strings(assigned), ["learner_ids"] = Strings(draft ? IdsIn(e.LearnerIds) : examLearners[e.Id]),
                ["draft"] = draft, ["node_ids"] = Strings(examNodes[ExamKey(e)]), ["groups"] = Strings(assigned.Where(c => c != classroomId)),
                ["missing_resource"] = Missing(examNodes[ExamKey(e)]),
            };
        }).ToArray();

        var content = nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal).Select(n => (JsonNode)new JsonObject
        {
            ["node_id"] = n.NodeId, ["content_id"] = n.ContentId, ["title"] = n.Title, ["kind"] = n.Kind, ["channel_id"] = n.ChannelId,
            ["available"] = n.Available, ["options"] = ParseOr(n.Options, new JsonObject()),
        }).ToArray();

        var lessonContent = lessonResources.Values.SelectMany(r => r.OfType<JsonObject>()).Select(r => (string?)r["content_id"]).OfType<string>().Distinct().ToArray();
        var summaries = lessonContent.Length == 0 ? [] : (await conn.QueryAsync<SummaryRow>(SummariesSql, new { id = classroomId, contents = lessonContent })).ToList();
        var tryContents = lessonContent.Concat(published).Distinct().ToArray();
        var tries = tryContents.Length == 0 ? [] : (await conn.QueryAsync<TryRow>(TriesSql, new { id = classroomId, contents = tryContents })).ToList();
        var triesBy = tries.ToLookup(t => (t.LearnerId, t.ContentId));
        var correctItems = (tries.Count == 0 ? [] : await conn.QueryAsync<CorrectItem>(CorrectItemsSql, new { tries = tries.Select(t => t.Id).ToArray() }))
            .ToLookup(c => c.MasterylogId, c => c.Item);
        var notifications = lessons.Count == 0 ? [] : (await conn.QueryAsync<NotificationRow>(NotificationsSql, new { id = classroomId, lessons = lessons.Select(l => l.Id).ToArray() })).ToList();
        var nodesByContent = nodes.Values.ToLookup(n => n.ContentId, n => n.NodeId);

        var contentStatus = summaries.Select(s =>
        {
            var nodeIds = nodesByContent[s.ContentId].ToHashSet();
            var mine = notifications.Where(n => n.UserId == s.LearnerId && n.ContentnodeId is not null && nodeIds.Contains(n.ContentnodeId)).ToList();
            var help = mine.Where(n => n.NotificationEvent == "HelpNeeded").Select(n => n.Timestamp).DefaultIfEmpty().Max(StringComparer.Ordinal);
            var done = mine.Where(n => n.NotificationEvent == "Completed").Select(n => n.Timestamp).DefaultIfEmpty().Max(StringComparer.Ordinal);
            var status = help is not null && (done is null || string.CompareOrdinal(help, done) > 0) ? "HelpNeeded"
                : s.Progress >= 1 ? "Completed"
                : s.Kind == "exercise" && s.Attempts == 0 ? "NotStarted"
                : "Started";
            var entry = new JsonObject
            {
                ["learner_id"] = s.LearnerId, ["content_id"] = s.ContentId, ["status"] = status, ["last_activity"] = s.LastActivity,
                ["time_spent"] = s.TimeSpent, ["tries"] = s.Tries,
            };
            var quizTries = triesBy[(s.LearnerId, s.ContentId)].ToList();
            if (quizTries.Count > 0) AddTryStats(entry, quizTries, correctItems);
            return (JsonNode)entry;
        }).ToArray();

        var examStatus = published.SelectMany(examId => learners.Select(l => (LearnerId: l.Id, ContentId: examId))).Where(k => triesBy[k].Any()).Select(k =>
        {
            var examTries = triesBy[k].ToList();
            var entry = new JsonObject
            {
                ["exam_id"] = k.ContentId, ["learner_id"] = k.LearnerId, ["status"] = examTries[0].Complete ? "Completed" : "Started",
            };
            AddTryStats(entry, examTries, correctItems);
            entry.Remove("complete");
            return (JsonNode)entry;
        }).ToArray();

        return Results.Json(new JsonObject
        {
            ["id"] = classroom.Id, ["facility_id"] = classroom.FacilityId, ["name"] = classroom.Name,
            ["coaches"] = JsonSerializer.SerializeToNode(coaches, Json), ["learners"] = JsonSerializer.SerializeToNode(learners, Json),
            ["groups"] = GroupList("learnergroup"), ["adhoclearners"] = GroupList(Assignments.AdHocKind),
            ["lessons"] = new JsonArray(lessonItems), ["exams"] = new JsonArray(examItems), ["content"] = new JsonArray(content),
            ["content_learner_status"] = new JsonArray(contentStatus), ["exam_learner_status"] = new JsonArray(examStatus),
        });
    }

    /// <summary>Score of the latest quiz-type try, and the distinct items the try before it got right.</summary>
    private static void AddTryStats(JsonObject entry, List<TryRow> newestFirst, ILookup<string, string> correctItems)
    {
        var latest = newestFirst[0];
        entry["complete"] = latest.Complete;
        entry["last_activity"] = latest.LastAttempt ?? latest.EndTimestamp;
        entry["num_correct"] = latest.NumCorrect;
        entry["num_answered"] = latest.NumAnswered;
        entry["previous_num_correct"] = newestFirst.Count > 1 ? correctItems[newestFirst[1].Id].Distinct().Count() : 0;
    }

    private static string ExamKey(ExamRow e) => e.DraftId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? e.Id;

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v!).ToArray());

    private static JsonNode? ParseOr(string? text, JsonNode fallback)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? fallback : JsonNode.Parse(text) ?? fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static List<string> IdsIn(string? json) => ParseOr(json, new JsonArray()) is JsonArray a ? a.Select(x => (string?)x).OfType<string>().ToList() : [];

}
