using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.TrackProgress;

/// <summary>
/// POST /api/logger/trackprogress/: opens a content session. Logged-in callers get their summary log for the content
/// (created or resumed) and, for assessments, a try (MasteryLog) chosen or started; guests get a bare session log.
/// </summary>
public static class StartSession
{
    public sealed record Summary
    {
        public required string Id { get; init; }
        public required double Progress { get; init; }
        public required double TimeSpent { get; init; }
        public required string ExtraFields { get; init; }
    }

    public sealed record Try
    {
        public required string Id { get; init; }
        public required int MasteryLevel { get; init; }
        public required bool Complete { get; init; }
        public required string MasteryCriterion { get; init; }
        public double? TimeSpent { get; init; }
    }

    public sealed record PastAttempt
    {
        public required string Id { get; init; }
        public required double Correct { get; init; }
        public required bool Complete { get; init; }
        public required bool Hinted { get; init; }
        public required bool Error { get; init; }
        public required string Item { get; init; }
        public RawJson? Answer { get; init; }
        public required double TimeSpent { get; init; }
    }

    private const string LessonAssignedSql = """
        SELECT COUNT(*) FROM lessons_lessonassignment la
        JOIN kolibriauth_membership m ON m.collection_id = la.collection_id
        WHERE la.lesson_id = @lessonId AND m.user_id = @userId
        """;

    private const string InsertSummarySql = """
        INSERT INTO logger_contentsummarylog (id, user_id, content_id, channel_id, kind, start_timestamp, end_timestamp,
            time_spent, progress, extra_fields, dataset_id)
        VALUES (@id, @userId, @contentId, @channelId, @kind, @now, @now, 0, 0, '{}', @datasetId)
        ON CONFLICT (user_id, content_id) DO NOTHING
        """;

    private const string ResumeSummarySql = """
        UPDATE logger_contentsummarylog
        SET end_timestamp = @now, channel_id = @channelId, progress = CASE WHEN @repeat THEN 0 ELSE progress END,
            _morango_dirty_bit = TRUE
        WHERE user_id = @userId AND content_id = @contentId
        """;

    private const string SummarySql = """
        SELECT id, progress, time_spent, extra_fields FROM logger_contentsummarylog WHERE user_id = @userId AND content_id = @contentId
        """;

    private const string PickTrySql = """
        SELECT id, mastery_level, complete, mastery_criterion, time_spent FROM logger_masterylog
        WHERE summarylog_id = @summaryId AND ((@quiz AND mastery_level < 0) OR (NOT @quiz AND mastery_level > 0))
        ORDER BY complete, end_timestamp IS NULL, end_timestamp DESC
        LIMIT 1
        """;

    private const string InsertTrySql = """
        INSERT INTO logger_masterylog (id, user_id, summarylog_id, mastery_criterion, start_timestamp, end_timestamp,
            mastery_level, complete, time_spent, dataset_id)
        VALUES (@id, @userId, @summaryId, @criterion, @now, @now, @level, FALSE, 0, @datasetId)
        """;

    private const string InsertSessionSql = """
        INSERT INTO logger_contentsessionlog (id, user_id, content_id, channel_id, kind, start_timestamp, end_timestamp,
            time_spent, progress, extra_fields, visitor_id, dataset_id)
        VALUES (@id, @userId, @contentId, @channelId, @kind, @now, @now, 0, 0, @extraFields, @visitorId, @datasetId)
        """;

    private const string PastAttemptsSql = """
        SELECT id, correct, complete, hinted, error, item, answer, time_spent FROM logger_attemptlog
        WHERE masterylog_id = @tryId ORDER BY start_timestamp DESC, id
        """;

    private const string AttemptCountSql = "SELECT COUNT(*) FROM logger_attemptlog WHERE masterylog_id = @tryId";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock)
    {
        var (body, parseError) = await JsonBody.ReadAsync(http.Request);
        if (parseError is not null) return parseError;

        var nodeId = body.Uuid("node_id", allowNull: true);
        var contentId = body.Uuid("content_id", allowNull: true);
        var channelId = body.Uuid("channel_id", allowNull: true);
        var kind = body.Choice("kind", Tracking.ContentKinds, allowNull: true);
        var lessonId = body.Uuid("lesson_id", allowNull: true);
        var quizId = body.Uuid("quiz_id", allowNull: true);
        var repeat = body.Bool("repeat") ?? false;
        var (criterion, criterionError) = ReadMasteryModel(body);
        if (body.Errors is { } fieldErrors) return fieldErrors;
        if (criterionError is not null) return criterionError;

        if (quizId is not null && (nodeId is not null || lessonId is not null))
            return KolibriErrors.Invalid("INVALID", "non_field_errors", "quiz_id must not be combined with node_id or lesson_id.");
        if (quizId is null && nodeId is null)
            return KolibriErrors.Invalid("INVALID", "non_field_errors", "Either node_id or quiz_id is required.");
        if (nodeId is not null)
        {
            var errors = new List<KolibriError>();
            if (contentId is null) errors.Add(KolibriError.Field("INVALID", "content_id", "content_id is required with node_id."));
            if (channelId is null) errors.Add(KolibriError.Field("INVALID", "channel_id", "channel_id is required with node_id."));
            if (kind is null) errors.Add(KolibriError.Field("INVALID", "kind", "kind is required with node_id."));
            else if (kind == "exercise" && criterion is null)
                errors.Add(KolibriError.Field("INVALID", "mastery_model", "mastery_model is required for exercises."));
            else if (kind != "exercise" && criterion is not null)
                errors.Add(KolibriError.Field("INVALID", "mastery_model", "mastery_model is only allowed for exercises."));
            if (errors.Count > 0) return KolibriErrors.Invalid(errors);
        }

        var user = CurrentUser.Of(http);
        if (user is null && (lessonId is not null || quizId is not null)) return KolibriErrors.Forbidden(http, "PERMISSION_DENIED");

        await using var conn = await db.OpenAsync(http.RequestAborted);
        var context = new JsonObject();
        if (quizId is not null)
        {
            if (!await Tracking.CanTakeQuizAsync(conn, quizId, user!.Id)) return KolibriErrors.Forbidden(http, "PERMISSION_DENIED");
            contentId = quizId;
            channelId = null;
            kind = "quiz";
            criterion = new JsonObject { ["type"] = "quiz", ["coach_assigned"] = true };
            context["quiz_id"] = quizId;
        }
        else
        {
            context["node_id"] = nodeId;
            if (lessonId is not null)
            {
                if (await conn.ExecuteScalarAsync<long>(LessonAssignedSql, new { lessonId, userId = user!.Id }) == 0)
                    return KolibriErrors.Messages("Invalid lesson_id");
                context["lesson_id"] = lessonId;
            }
        }

        var now = KolibriTime.Now(clock);
        var datasetId = user?.DatasetId ?? await Tracking.AnonymousDatasetAsync(conn);
        if (datasetId is null) return KolibriErrors.Messages("This device has no facility to record progress in.");

        await conn.BeginWriteAsync(http.RequestAborted);
        var response = new JsonObject();
        var summaryCreated = false;
        var tryCreated = false;
        if (user is null)
        {
            response["progress"] = 0.0;
            response["time_spent"] = 0.0;
            response["extra_fields"] = new JsonObject();
            response["complete"] = false;
            if (criterion is not null)
            {
                response["mastery_criterion"] = criterion.DeepClone();
                response["pastattempts"] = new JsonArray();
                response["totalattempts"] = 0;
            }
        }
        else
        {
            var key = new { userId = user.Id, contentId, channelId, kind, now, repeat, datasetId, id = Ids.Deterministic(user.Id, contentId!, "summarylog") };
            summaryCreated = await conn.ExecuteAsync(InsertSummarySql, key) > 0;
            if (!summaryCreated) await conn.ExecuteAsync(ResumeSummarySql, key);
            var summary = (await conn.QuerySingleOrDefaultAsync<Summary>(SummarySql, key))!;
            response["progress"] = summary.Progress;
            response["time_spent"] = summary.TimeSpent;
            response["extra_fields"] = JsonNode.Parse(summary.ExtraFields) ?? new JsonObject();
            response["complete"] = summary.Progress >= 1;

            if (criterion is not null)
            {
                var isQuiz = (string?)criterion["type"] == "quiz";
                var picked = await conn.QuerySingleOrDefaultAsync<Try>(PickTrySql, new { summaryId = summary.Id, quiz = isQuiz });
                Try attempt;
                if (picked is null || (picked.Complete && repeat))
                {
                    attempt = new Try
                    {
                        Id = Ids.New(),
                        MasteryLevel = isQuiz ? -RandomNumberGenerator.GetInt32(1, int.MaxValue) : (picked?.MasteryLevel ?? 0) + 1,
                        Complete = false,
                        MasteryCriterion = criterion.ToJsonString(),
                        TimeSpent = 0,
                    };
                    tryCreated = true;
                    await conn.ExecuteAsync(InsertTrySql, new
                    {
                        id = attempt.Id, userId = user.Id, summaryId = summary.Id, criterion = attempt.MasteryCriterion, now,
                        level = attempt.MasteryLevel, datasetId,
                    });
                }
                else
                {
                    attempt = picked;
                    if (attempt.Complete && Tracking.IsCoachAssigned(attempt.MasteryCriterion))
                        return KolibriErrors.Forbidden(http, "PERMISSION_DENIED");
                }

                var window = Tracking.AttemptWindow(attempt.MasteryCriterion);
                var past = (await conn.QueryAsync<PastAttempt>(PastAttemptsSql, new { tryId = attempt.Id }))
                    .Take(window ?? int.MaxValue).ToList();
                response["complete"] = attempt.Complete;
                response["time_spent"] = attempt.TimeSpent ?? 0;
                response["mastery_criterion"] = JsonNode.Parse(attempt.MasteryCriterion);
                response["pastattempts"] = JsonSerializer.SerializeToNode(past, Json);
                response["totalattempts"] = await conn.ExecuteScalarAsync<long>(AttemptCountSql, new { tryId = attempt.Id });
                context["mastery_level"] = attempt.MasteryLevel;
            }
        }

        var sessionId = Ids.New();
        await conn.ExecuteAsync(InsertSessionSql, new
        {
            id = sessionId, userId = user?.Id, contentId, channelId, kind, now, datasetId,
            extraFields = new JsonObject { ["context"] = context.DeepClone() }.ToJsonString(),
            visitorId = user is null ? Ids.Normalize(http.Request.Cookies["visitor_id"]) : null,
        });
        await conn.CommitAsync(http.RequestAborted);

        if (user is not null && summaryCreated && nodeId is not null && kind != "exercise")
            await ProgressNotifications.SafeAsync(http, db, c => ProgressNotifications.ResourceStartedAsync(c, user.Id, nodeId, contentId!, now));
        if (user is not null && tryCreated && quizId is not null)
            await ProgressNotifications.SafeAsync(http, db, c => ProgressNotifications.QuizAsync(c, user.Id, quizId, "Started", now));

        response["session_id"] = sessionId;
        response["context"] = context;
        return Results.Json(response);
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// <c>mastery_model</c> as DRF's nested serializer reads it: errors stay nested under the field, unflattened.
    /// The criterion keeps the type and the m/n that were sent.
    /// </summary>
    private static (JsonObject? Criterion, IResult? Error) ReadMasteryModel(JsonBody body)
    {
        if (!body.Object.TryGetPropertyValue("mastery_model", out var node) || node is null) return (null, null);
        if (node is not JsonObject model)
            return (null, Nested(new() { ["non_field_errors"] = [$"Invalid data. Expected a dictionary, but got {JsonBody.DrfTypeName(node)}."] }));
        var errors = new Dictionary<string, string[]>();
        var typeNode = model["type"];
        var type = typeNode is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        if (!model.ContainsKey("type")) errors["type"] = ["This field is required."];
        else if (type is null || !Tracking.MasteryTypes.Contains(type)) errors["type"] = [$"\"{typeNode?.ToJsonString()}\" is not a valid choice."];
        var criterion = new JsonObject { ["type"] = type };
        foreach (var field in new[] { "m", "n" })
        {
            if (!model.TryGetPropertyValue(field, out var value) || value is null) continue;
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
                criterion[field] = (int)d;
            else errors[field] = ["A valid integer is required."];
        }
        if (type == "m_of_n")
            foreach (var field in new[] { "m", "n" })
                if (!criterion.ContainsKey(field) && !errors.ContainsKey(field)) errors[field] = ["This field is required for m_of_n."];
        return errors.Count > 0 ? (null, Nested(errors)) : (criterion, null);
    }

    private static IResult Nested(Dictionary<string, string[]> errors) =>
        Results.Json(new Dictionary<string, Dictionary<string, string[]>> { ["mastery_model"] = errors }, statusCode: 400);
}
