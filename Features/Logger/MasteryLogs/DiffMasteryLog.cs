using System.Globalization;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.MasteryLogs;

/// <summary>
/// GET /api/logger/masterylog/&lt;n&gt;/diff/: the n-th newest try of the filtered list, with its score and time against the
/// next older try, and each of its attempts against the older try's latest attempt at the same item.
/// </summary>
public static class DiffMasteryLog
{
    public sealed record Diff
    {
        public double? Correct { get; init; }
        public double? TimeSpent { get; init; }
    }

    public sealed record AttemptDiff
    {
        public double? Correct { get; init; }
    }

    public sealed record Result
    {
        public required string Id { get; init; }
        public required RawJson MasteryCriterion { get; init; }
        public required string StartTimestamp { get; init; }
        public string? EndTimestamp { get; init; }
        public string? CompletionTimestamp { get; init; }
        public required bool Complete { get; init; }
        public required long Correct { get; init; }
        public double? TimeSpent { get; init; }
        public Diff? Diff { get; init; }
        public required IReadOnlyList<Dictionary<string, object?>> Attemptlogs { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (where, args, error) = await MasteryLogQuery.FilterAsync(http, conn);
        if (error is not null) return error;
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return Results.Json("Parameter must be an integer", statusCode: 404);
        args.Add("offset", offset);
        var pair = (await conn.QueryAsync<MasteryLogQuery.Row>(
            $"{MasteryLogQuery.Select} WHERE {where} {MasteryLogQuery.Order} LIMIT 2 OFFSET @offset", args)).ToList();
        if (pair.Count == 0) return Results.Json("No mastery log found", statusCode: 404);
        var target = MasteryLogQuery.Item.From(pair[0]);
        var previous = pair.Count > 1 ? MasteryLogQuery.Item.From(pair[1]) : null;

        var attempts = (await conn.QueryAsync<AttemptLogObject.Row>(
            $"{AttemptLogObject.Select} WHERE a.masterylog_id = @id ORDER BY a.start_timestamp, a.id", new { id = target.Id })).ToList();
        var older = previous is null ? [] : (await conn.QueryAsync<AttemptLogObject.Row>(
            $"{AttemptLogObject.Select} WHERE a.masterylog_id = @id AND a.user_id = @userId ORDER BY a.end_timestamp DESC",
            new { id = previous.Id, userId = pair[1].UserId })).ToList();
        var latestOlder = older.GroupBy(a => a.Item).ToDictionary(g => g.Key, g => g.First());

        var attemptlogs = attempts.Select(a =>
        {
            var fields = AttemptLogObject.Fields(a);
            fields["diff"] = new AttemptDiff { Correct = latestOlder.TryGetValue(a.Item, out var o) ? a.Correct - o.Correct : null };
            return fields;
        }).ToList();

        return Results.Json(new Result
        {
            Id = target.Id, MasteryCriterion = target.MasteryCriterion, StartTimestamp = target.StartTimestamp,
            EndTimestamp = target.EndTimestamp, CompletionTimestamp = target.CompletionTimestamp, Complete = target.Complete,
            Correct = target.Correct, TimeSpent = target.TimeSpent,
            Diff = previous is null ? null : new Diff
            {
                Correct = target.Correct - previous.Correct,
                TimeSpent = target.TimeSpent is { } t && previous.TimeSpent is { } p ? t - p : null,
            },
            Attemptlogs = attemptlogs,
        });
    }
}
