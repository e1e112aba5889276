using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.TrackProgress;

/// <summary>
/// PUT /api/logger/trackprogress/&lt;session_id&gt;/: adds progress and time to the session (and the caller's summary
/// log and try), and records question attempts. One short write transaction: the rows are read and written while it
/// holds the write lock (SQLite) or the row locks (PostgreSQL), so concurrent deltas are never lost.
/// </summary>
public static class UpdateSession
{
    public sealed record Interaction
    {
        public string? Id { get; init; }
        public required string Item { get; init; }
        public required double Correct { get; init; }
        public required double TimeSpent { get; init; }
        public bool Complete { get; init; }
        public bool Error { get; init; }
        public bool Hinted { get; init; }
        public bool Replace { get; init; }
        public JsonNode? Answer { get; init; }
        public string? SimpleAnswer { get; init; }
    }

    public sealed record Session
    {
        public required string Id { get; init; }
        public required string ContentId { get; init; }
        public required double Progress { get; init; }
        public required double TimeSpent { get; init; }
        public required string ExtraFields { get; init; }
        public required string DatasetId { get; init; }
    }

    public sealed record Summary
    {
        public required string Id { get; init; }
        public required double Progress { get; init; }
        public required double TimeSpent { get; init; }
        public string? CompletionTimestamp { get; init; }
    }

    public sealed record Try
    {
        public required string Id { get; init; }
        public required bool Complete { get; init; }
        public required string MasteryCriterion { get; init; }
        public double? TimeSpent { get; init; }
    }

    public sealed record Attempt
    {
        public required string Id { get; set; }
        public required string Item { get; set; }
        public required double Correct { get; set; }
        public required bool Complete { get; set; }
        public required bool Hinted { get; set; }
        public required bool Error { get; set; }
        public RawJson? Answer { get; set; }
        public required string SimpleAnswer { get; set; }
        public required double TimeSpent { get; set; }
        public required string InteractionHistory { get; set; }
        public string? CompletionTimestamp { get; set; }
    }

    public sealed record AttemptOut
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

    private static string SessionSql(bool sqlite, bool anonymous) => $"""
        SELECT id, content_id, progress, time_spent, extra_fields, dataset_id FROM logger_contentsessionlog
        WHERE id = @id AND {(anonymous ? "user_id IS NULL" : "user_id = @userId")}{(sqlite ? "" : " FOR UPDATE")}
        """;

    private const string UpdateSessionSql = """
        UPDATE logger_contentsessionlog SET end_timestamp = @now, progress = @progress, time_spent = @timeSpent, _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    private static string SummarySql(bool sqlite) => $"""
        SELECT id, progress, time_spent, completion_timestamp FROM logger_contentsummarylog
        WHERE user_id = @userId AND content_id = @contentId{(sqlite ? "" : " FOR UPDATE")}
        """;

    private const string UpdateSummarySql = """
        UPDATE logger_contentsummarylog
        SET end_timestamp = @now, progress = @progress, time_spent = @timeSpent, completion_timestamp = @completion,
            extra_fields = COALESCE(@extraFields, extra_fields), _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    private static string TrySql(bool sqlite) => $"""
        SELECT id, complete, mastery_criterion, time_spent FROM logger_masterylog
        WHERE user_id = @userId AND summarylog_id = @summaryId AND mastery_level = @level{(sqlite ? "" : " FOR UPDATE")}
        """;

    private const string UpdateTrySql = """
        UPDATE logger_masterylog
        SET time_spent = @timeSpent, complete = @complete, completion_timestamp = COALESCE(completion_timestamp, @completion),
            end_timestamp = @now, _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    private const string AttemptColumns = """
        id, item, correct, complete, hinted, error, answer, simple_answer, time_spent, interaction_history, completion_timestamp
        """;

    private const string AttemptByIdSql = $"""
        SELECT {AttemptColumns} FROM logger_attemptlog
        WHERE id = @id AND ((@tryId IS NULL AND masterylog_id IS NULL) OR masterylog_id = @tryId)
          AND ((@userId IS NULL AND user_id IS NULL) OR user_id = @userId)
        """;

    private const string AttemptOfTrySql = $"""
        SELECT {AttemptColumns} FROM logger_attemptlog WHERE masterylog_id = @tryId AND user_id = @userId AND item = @item
        ORDER BY end_timestamp DESC LIMIT 1
        """;

    private const string AttemptOfSessionSql = $"""
        SELECT {AttemptColumns} FROM logger_attemptlog
        WHERE sessionlog_id = @sessionId AND user_id IS NULL AND masterylog_id IS NULL AND item = @item
        ORDER BY end_timestamp DESC LIMIT 1
        """;

    private const string InsertAttemptSql = """
        INSERT INTO logger_attemptlog (id, item, start_timestamp, end_timestamp, completion_timestamp, time_spent, complete,
            correct, hinted, error, answer, simple_answer, interaction_history, masterylog_id, sessionlog_id, user_id, dataset_id)
        VALUES (@Id, @Item, @start, @now, @CompletionTimestamp, @TimeSpent, @Complete, @Correct, @Hinted, @Error, @Answer,
            @SimpleAnswer, @InteractionHistory, @tryId, @sessionId, @userId, @datasetId)
        """;

    private const string UpdateAttemptSql = """
        UPDATE logger_attemptlog
        SET end_timestamp = @now, time_spent = @TimeSpent, error = @Error, hinted = @Hinted, correct = @Correct,
            answer = @Answer, simple_answer = @SimpleAnswer, complete = @Complete, completion_timestamp = @CompletionTimestamp,
            interaction_history = @InteractionHistory, _morango_dirty_bit = TRUE
        WHERE id = @Id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock, string id)
    {
        var (body, parseError) = await JsonBody.ReadAsync(http.Request);
        if (parseError is not null) return parseError;
        var progressDelta = Tracking.Float(body.Object, "progress_delta", "progress_delta", body.AddError, 0, 1);
        var progress = Tracking.Float(body.Object, "progress", "progress", body.AddError, 0, 1);
        var timeDelta = Tracking.Float(body.Object, "time_spent_delta", "time_spent_delta", body.AddError, 0);
        JsonObject? extraFields = null;
        if (body.Has("extra_fields"))
        {
            if (body.Object["extra_fields"] is JsonObject extra) extraFields = extra;
            else body.AddError("INVALID", "extra_fields", "Expected a dictionary of items.");
        }
        var (interactions, interactionsError) = ReadInteractions(body);
        if (body.Errors is { } fieldErrors) return fieldErrors;
        if (interactionsError is not null) return interactionsError;
        if (progress is not null && progressDelta is not null)
            return KolibriErrors.Invalid("INVALID", "non_field_errors", "Only one of progress and progress_delta may be sent.");

        if (Ids.Normalize(id) is not { } sessionId) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        var now = clock.GetUtcNow();
        var nowText = KolibriTime.Format(now);

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var session = await conn.QuerySingleOrDefaultAsync<Session>(SessionSql(db.IsSqlite, user is null), new { id = sessionId, userId = user?.Id });
        if (session is null) return KolibriErrors.NotFound(http);
        var context = Tracking.ReadContext(session.ExtraFields);
        if (user is not null && context["quiz_id"] is JsonValue quiz && !await Tracking.CanTakeQuizAsync(conn, quiz.ToString(), user.Id))
            return KolibriErrors.Forbidden(http, "PERMISSION_DENIED");

        double Next(double old) => progress is { } set ? Tracking.Normalize(set) : progressDelta is { } delta ? Tracking.Normalize(old + delta) : old;
        var sessionProgress = Next(session.Progress);
        await conn.ExecuteAsync(UpdateSessionSql, new { id = sessionId, now = nowText, progress = sessionProgress, timeSpent = session.TimeSpent + (timeDelta ?? 0) });

        var complete = sessionProgress >= 1;
        var summaryCompleted = false;
        var tryCompleted = false;
        Try? attemptTry = null;
        if (user is not null)
        {
            var summary = await conn.QuerySingleOrDefaultAsync<Summary>(SummarySql(db.IsSqlite), new { userId = user.Id, contentId = session.ContentId });
            if (summary is null) return KolibriErrors.NotFound(http);
            var summaryProgress = Next(summary.Progress);
            var completion = summary.CompletionTimestamp ?? (summary.Progress < 1 && summaryProgress >= 1 ? nowText : null);
            await conn.ExecuteAsync(UpdateSummarySql, new
            {
                id = summary.Id, now = nowText, progress = summaryProgress, timeSpent = summary.TimeSpent + (timeDelta ?? 0),
                completion, extraFields = extraFields?.ToJsonString(),
            });
            complete = summaryProgress >= 1;
            summaryCompleted = summary.Progress < 1 && summaryProgress >= 1;

            if (context["mastery_level"] is JsonValue levelNode && levelNode.TryGetValue(out int level))
            {
                attemptTry = await conn.QuerySingleOrDefaultAsync<Try>(TrySql(db.IsSqlite), new { userId = user.Id, summaryId = summary.Id, level });
                if (attemptTry is null) return KolibriErrors.Messages("Invalid mastery_level value, this session has not been started.");
                var changed = false;
                var tryTime = attemptTry.TimeSpent;
                if (timeDelta is > 0)
                {
                    tryTime = (tryTime ?? 0) + timeDelta.Value;
                    changed = true;
                }
                var tryComplete = attemptTry.Complete;
                if (complete && !tryComplete)
                {
                    tryComplete = true;
                    tryCompleted = true;
                    changed = true;
                }
                else if (tryComplete && Tracking.IsCoachAssigned(attemptTry.MasteryCriterion))
                    return KolibriErrors.Forbidden(http, "PERMISSION_DENIED");
                if (changed)
                    await conn.ExecuteAsync(UpdateTrySql, new
                    {
                        id = attemptTry.Id, timeSpent = tryTime, complete = tryComplete, completion = tryComplete ? nowText : null, now = nowText,
                    });
            }
        }

        var response = new JsonObject { ["complete"] = complete };
        var attemptCreated = false;
        if (interactions is not null)
        {
            var saved = new List<AttemptOut>();
            var scope = new { tryId = attemptTry?.Id, userId = user?.Id, sessionId, datasetId = session.DatasetId };
            for (var start = 0; start < interactions.Count;)
            {
                var end = start + 1;
                while (end < interactions.Count && interactions[end].Item == interactions[start].Item) end++;
                var (attempt, created, error) = await SaveRunAsync(conn, interactions[start..end], scope.tryId, scope.userId, sessionId, session.DatasetId, now);
                if (error is not null) return error;
                attemptCreated |= created;
                saved.Add(new AttemptOut
                {
                    Id = attempt!.Id, Correct = attempt.Correct, Complete = attempt.Complete, Hinted = attempt.Hinted,
                    Error = attempt.Error, Item = attempt.Item, Answer = attempt.Answer, TimeSpent = attempt.TimeSpent,
                });
                start = end;
            }
            response["attempts"] = JsonSerializer.SerializeToNode(saved, Json);
        }
        await conn.CommitAsync(http.RequestAborted);

        if (user is not null)
        {
            var nodeId = (string?)context["node_id"];
            var lessonId = (string?)context["lesson_id"];
            var quizId = (string?)context["quiz_id"];
            if (summaryCompleted && nodeId is not null)
                await ProgressNotifications.SafeAsync(http, db, c => ProgressNotifications.ResourceCompletedAsync(c, user.Id, nodeId, session.ContentId, nowText));
            if (interactions is { Count: > 0 } && lessonId is not null && nodeId is not null && attemptTry is not null)
                await ProgressNotifications.SafeAsync(http, db, c => ProgressNotifications.LessonAttemptAsync(c, user.Id, nodeId, session.ContentId, lessonId, attemptTry.Id, nowText));
            if (quizId is not null && attemptCreated)
                await ProgressNotifications.SafeAsync(http, db, c => ProgressNotifications.QuizAsync(c, user.Id, quizId, "Answered", nowText));
            if (quizId is not null && tryCompleted)
                await ProgressNotifications.SafeAsync(http, db, c => ProgressNotifications.QuizAsync(c, user.Id, quizId, "Completed", nowText, attemptTry!.Id));
        }
        return Results.Json(response);
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>One run of consecutive interactions on the same item: find or create its attempt, then apply the rest.</summary>
    private static async Task<(Attempt? Attempt, bool Created, IResult? Error)> SaveRunAsync(DbConn conn, List<Interaction> run, string? tryId, string? userId,
        string sessionId, string datasetId, DateTimeOffset now)
    {
        var first = run[0];
        var nowText = KolibriTime.Format(now);
        Attempt? attempt = null;
        if (first.Id is not null)
        {
            attempt = await conn.QuerySingleOrDefaultAsync<Attempt>(AttemptByIdSql, new { id = first.Id, tryId, userId });
            if (attempt is null) return (null, false, KolibriErrors.Messages("Invalid attemptlog id specified"));
        }
        else if (first.Replace)
        {
            attempt = userId is not null
                ? tryId is null ? null : await conn.QueryFirstOrDefaultAsync<Attempt>(AttemptOfTrySql, new { tryId, userId, item = first.Item })
                : await conn.QueryFirstOrDefaultAsync<Attempt>(AttemptOfSessionSql, new { sessionId, item = first.Item });
        }

        var remaining = run;
        var created = attempt is null;
        if (attempt is null)
        {
            attempt = new Attempt
            {
                Id = Ids.New(), Item = first.Item, Correct = first.Correct, Complete = first.Complete, Hinted = first.Hinted,
                Error = first.Error, Answer = new RawJson(first.Answer?.ToJsonString() ?? "{}"), SimpleAnswer = first.SimpleAnswer ?? "",
                TimeSpent = first.TimeSpent, InteractionHistory = new JsonArray(HistoryEntry(first)).ToJsonString(),
                CompletionTimestamp = first.Complete ? nowText : null,
            };
            await conn.ExecuteAsync(InsertAttemptSql, InsertArgs(attempt, KolibriTime.Format(now - TimeSpan.FromSeconds(first.TimeSpent)), nowText, tryId, sessionId, userId, datasetId));
            remaining = run[1..];
            if (remaining.Count == 0) return (attempt, true, null);
        }

        var history = JsonNode.Parse(attempt.InteractionHistory) as JsonArray ?? [];
        foreach (var entry in remaining)
        {
            history.Add(HistoryEntry(entry));
            attempt.TimeSpent = entry.TimeSpent;
            if (entry.Error) attempt.Error = true;
            if (entry.Hinted && !attempt.Hinted && attempt.Correct == 0) attempt.Hinted = true;
            if (entry.Replace)
            {
                attempt.Correct = entry.Correct;
                if (entry.Answer is not null) attempt.Answer = new RawJson(entry.Answer.ToJsonString());
                if (entry.SimpleAnswer is not null) attempt.SimpleAnswer = entry.SimpleAnswer;
            }
            if (entry.Complete && !attempt.Complete)
            {
                attempt.Complete = true;
                attempt.CompletionTimestamp = nowText;
            }
        }
        attempt.InteractionHistory = history.ToJsonString();
        var args = new Dapper.DynamicParameters(attempt);
        args.Add("now", nowText);
        await conn.ExecuteAsync(UpdateAttemptSql, args);
        return (attempt, created, null);
    }

    private static Dapper.DynamicParameters InsertArgs(Attempt attempt, string start, string now, string? tryId, string sessionId, string? userId, string datasetId)
    {
        var args = new Dapper.DynamicParameters(attempt);
        args.AddDynamicParams(new { start, now, tryId, sessionId, userId, datasetId });
        return args;
    }

    private static JsonObject HistoryEntry(Interaction entry) =>
        entry.Error ? new JsonObject { ["type"] = "error" }
        : entry.Hinted ? new JsonObject { ["type"] = "hint", ["answer"] = entry.Answer?.DeepClone() }
        : new JsonObject { ["type"] = "answer", ["answer"] = entry.Answer?.DeepClone(), ["correct"] = entry.Correct };

    /// <summary>The <c>interactions</c> list; field errors carry dotted paths (<c>interactions.item</c>).</summary>
    private static (List<Interaction>? Interactions, IResult? Error) ReadInteractions(JsonBody body)
    {
        if (!body.Object.TryGetPropertyValue("interactions", out var node)) return (null, null);
        if (node is not JsonArray list)
            return (null, Results.Json(new Dictionary<string, Dictionary<string, string[]>>
            {
                ["interactions"] = new() { ["non_field_errors"] = [$"Expected a list of items but got type \"{JsonBody.DrfTypeName(node)}\"."] },
            }, statusCode: 400));
        var result = new List<Interaction>();
        foreach (var element in list)
        {
            if (element is not JsonObject entry)
            {
                body.AddError("INVALID", "interactions.non_field_errors", "Invalid data. Expected a dictionary.");
                continue;
            }
            var inner = JsonBody.For(entry);
            var attemptId = inner.Uuid("id", allowNull: true);
            var item = inner.String("item", required: true, maxLength: 200);
            var correct = Tracking.Float(entry, "correct", "correct", inner.AddError, 0, 1, required: true);
            var timeSpent = Tracking.Float(entry, "time_spent", "time_spent", inner.AddError, 0, required: true);
            var complete = inner.Bool("complete") ?? false;
            var error = inner.Bool("error") ?? false;
            var hinted = inner.Bool("hinted") ?? false;
            var replace = inner.Bool("replace") ?? false;
            var simpleAnswer = inner.String("simple_answer", allowBlank: true, maxLength: 200, allowNull: true);
            JsonNode? answer = null;
            if (entry.TryGetPropertyValue("answer", out var answerNode) && answerNode is not null)
            {
                if (answerNode is JsonObject) answer = answerNode;
                else inner.AddError("INVALID", "answer", "Expected a dictionary of items.");
            }
            if (inner.Errors is not null)
            {
                foreach (var e in FieldErrors(inner)) body.AddError(e.Id, "interactions." + e.Metadata["field"], e.Metadata["message"]);
                continue;
            }
            if (answer is null && !error)
            {
                body.AddError("INVALID", "interactions.non_field_errors", "An answer is required unless the interaction is an error.");
                continue;
            }
            result.Add(new Interaction
            {
                Id = attemptId, Item = item!, Correct = correct!.Value, TimeSpent = timeSpent!.Value, Complete = complete,
                Error = error, Hinted = hinted, Replace = replace, Answer = answer, SimpleAnswer = simpleAnswer,
            });
        }
        return (result, null);
    }

    private static IEnumerable<KolibriError> FieldErrors(JsonBody inner) => inner.ErrorList;
}
