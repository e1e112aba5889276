using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.Notifications;

/// <summary>
/// GET /coach/api/notifications/?classroom_id=: filters after, before (with limit), learner_id, group_id, limit; without
/// after/before only the last 24 hours before the newest event. Records the caller as a polling coach.
/// </summary>
public static class ListNotifications
{
    public sealed record Item
    {
        public required long Id { get; init; }
        public required string Timestamp { get; init; }
        public required string UserId { get; init; }
        public required string ClassroomId { get; init; }
        public string? LessonId { get; init; }
        public required RawJson AssignmentCollections { get; init; }
        public required string Reason { get; init; }
        public string? QuizId { get; init; }
        public int? QuizNumCorrect { get; init; }
        public int? QuizNumAnswered { get; init; }
        public string? ContentnodeId { get; init; }
        public required string Object { get; init; }
        public required string Event { get; init; }
    }

    private const string Columns = """
        n.id, n.timestamp, n.user_id, n.classroom_id, n.lesson_id, n.assignment_collections, n.reason, n.quiz_id, n.quiz_num_correct,
        n.quiz_num_answered, n.contentnode_id, n.notification_object AS "object", n.notification_event AS "event"
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock)
    {
        var query = new QueryParams(http.Request);
        if (query.Get("classroom_id") is null)
            return KolibriErrors.Detail(412, "The following parameters were missing and are required: classroom_id");
        var classroom = Ids.Normalize(query.Get("classroom_id"));
        var user = CurrentUser.Of(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (classroom is null || !await CoachAccess.CoachesAsync(conn, user, classroom)) return KolibriErrors.Forbidden(http);

        var after = Timestamp(query, "after");
        var before = Timestamp(query, "before");
        var limit = query.Int("limit");
        var learner = query.Uuid("learner_id");
        var group = query.Uuid("group_id");
        if (query.Errors is { } error) return error;

        var args = new DynamicParameters(new { classroom, after, before, learner, group = group is null ? null : $"%\"{group}\"%" });
        var where = "n.classroom_id = @classroom";
        if (learner is not null) where += " AND n.user_id = @learner";
        if (group is not null) where += " AND n.assignment_collections LIKE @group";
        if (after is not null) where += " AND n.timestamp > @after";
        if (before is not null && limit is not null) where += " AND n.timestamp < @before";
        if (after is null && before is null)
        {
            var newest = await conn.ExecuteScalarAsync<string?>($"SELECT MAX(n.timestamp) FROM notifications_learnerprogressnotification n WHERE {where}", args);
            if (newest is not null && DateTimeOffset.TryParse(newest, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var latest))
            {
                where += " AND n.timestamp >= @since";
                args.Add("since", KolibriTime.Format(latest.AddHours(-24)));
            }
        }
        var rows = (await conn.QueryAsync<Item>($"SELECT {Columns} FROM notifications_learnerprogressnotification n WHERE {where} ORDER BY n.timestamp DESC, n.id DESC", args)).ToList();
        var more = limit is { } max && max >= 0 && rows.Count > max;
        if (limit is { } take && take >= 0) rows = rows.Take(take).ToList();

        var now = clock.GetUtcNow();
        var recent = KolibriTime.Format(now.AddMinutes(-5));
        await conn.BeginWriteAsync(http.RequestAborted);
        var polling = await conn.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT coach_id) FROM notifications_notificationslog WHERE timestamp >= @recent", new { recent });
        if (polling < 10)
        {
            await conn.ExecuteAsync("INSERT INTO notifications_notificationslog (coach_id, timestamp) VALUES (@coach, @now)", new { coach = user!.Id, now = KolibriTime.Format(now) });
            await conn.ExecuteAsync("DELETE FROM notifications_notificationslog WHERE timestamp < @recent", new { recent });
        }
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(new Dictionary<string, object> { ["results"] = rows, ["coaches_polling"] = polling, ["more_results"] = more });
    }

    private static string? Timestamp(QueryParams query, string name)
    {
        if (query.Get(name) is not { } raw) return null;
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return KolibriTime.Format(time);
        query.AddError("INVALID", name, "Enter a valid date/time.");
        return null;
    }
}
