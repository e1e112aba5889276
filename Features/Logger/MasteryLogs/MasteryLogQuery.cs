using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.MasteryLogs;

/// <summary>The filtered, readable, newest-first list all three masterylog operations start from.</summary>
public static class MasteryLogQuery
{
    public sealed record Row
    {
        public required string Id { get; init; }
        public required string UserId { get; init; }
        public required string MasteryCriterion { get; init; }
        public required string StartTimestamp { get; init; }
        public string? EndTimestamp { get; init; }
        public string? CompletionTimestamp { get; init; }
        public required bool Complete { get; init; }
        public required double CorrectSum { get; init; }
        public double? TimeSpent { get; init; }
    }

    public sealed record Item
    {
        public required string Id { get; init; }
        public required RawJson MasteryCriterion { get; init; }
        public required string StartTimestamp { get; init; }
        public string? EndTimestamp { get; init; }
        public string? CompletionTimestamp { get; init; }
        public required bool Complete { get; init; }
        public required long Correct { get; init; }
        public double? TimeSpent { get; init; }

        public static Item From(Row row) => new()
        {
            Id = row.Id, MasteryCriterion = new RawJson(row.MasteryCriterion), StartTimestamp = row.StartTimestamp,
            EndTimestamp = row.EndTimestamp, CompletionTimestamp = row.CompletionTimestamp, Complete = row.Complete,
            Correct = (long)Math.Truncate(row.CorrectSum), TimeSpent = row.TimeSpent,
        };
    }

    public const string Select = """
        SELECT m.id, m.user_id, m.mastery_criterion, m.start_timestamp, m.end_timestamp, m.completion_timestamp, m.complete,
            (SELECT COALESCE(SUM(a.correct), 0) FROM logger_attemptlog a WHERE a.masterylog_id = m.id) AS correct_sum, m.time_spent
        FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id
        """;

    public const string Order = "ORDER BY m.end_timestamp IS NULL, m.end_timestamp DESC, m.id";

    /// <summary>The WHERE clause, or the 412/400 to answer instead.</summary>
    public static async Task<(string? Where, DynamicParameters Args, IResult? Error)> FilterAsync(HttpContext http, DbConn conn)
    {
        var args = new DynamicParameters();
        var missing = new[] { "content", "user" }.Where(p => string.IsNullOrEmpty(http.Request.Query[p].LastOrDefault())).ToList();
        if (missing.Count > 0)
            return (null, args, KolibriErrors.Detail(412, "The following parameters were missing and are required: " + string.Join(", ", missing)));

        var query = new QueryParams(http.Request);
        var content = query.Uuid("content");
        var user = query.ModelChoice("user");
        var complete = query.Bool("complete");
        var quiz = query.Bool("quiz");
        var facility = query.ModelChoice("facility");
        var classroom = query.ModelChoice("classroom");
        var group = query.ModelChoice("learner_group");
        if (user is not null && await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE id = @user", new { user }) == 0)
            query.ChoiceNotFound("user");
        if (query.Errors is { } error) return (null, args, error);

        var where = new List<string> { Readable.Logs(CurrentUser.Of(http), "m", args), "s.content_id = @content", "m.user_id = @user" };
        args.Add("content", content);
        args.Add("user", user);
        if (complete is not null)
        {
            where.Add("m.complete = @complete");
            args.Add("complete", complete.Value);
        }
        if (quiz is not null) where.Add(quiz.Value ? "m.mastery_level < 0" : "m.mastery_level >= 0");
        where.AddRange(OwnerFilters.Where("m.user_id", facility, classroom, group, args));
        return (string.Join(" AND ", where), args, null);
    }
}

/// <summary>facility / classroom / learner_group filters on a log's owner.</summary>
public static class OwnerFilters
{
    public static IEnumerable<string> Where(string userColumn, string? facility, string? classroom, string? group, DynamicParameters args)
    {
        if (facility is not null)
        {
            args.Add("owner_facility", facility);
            yield return $"{userColumn} IN (SELECT fu.id FROM kolibriauth_facilityuser fu WHERE fu.facility_id = @owner_facility)";
        }
        if (classroom is not null)
        {
            args.Add("owner_classroom", classroom);
            yield return $"""
                {userColumn} IN (SELECT om.user_id FROM kolibriauth_membership om JOIN kolibriauth_collection oc ON oc.id = om.collection_id
                                 WHERE oc.id = @owner_classroom OR oc.parent_id = @owner_classroom)
                """;
        }
        if (group is not null)
        {
            args.Add("owner_group", group);
            yield return $"{userColumn} IN (SELECT gm.user_id FROM kolibriauth_membership gm WHERE gm.collection_id = @owner_group)";
        }
    }
}
