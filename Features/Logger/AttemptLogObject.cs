using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Logger;

/// <summary>The AttemptLog as the attemptlog endpoint and masterylog diffs send it.</summary>
public static class AttemptLogObject
{
    public sealed record Row
    {
        public required string Id { get; init; }
        public required string Item { get; init; }
        public required string StartTimestamp { get; init; }
        public required string EndTimestamp { get; init; }
        public string? CompletionTimestamp { get; init; }
        public required double TimeSpent { get; init; }
        public required bool Complete { get; init; }
        public required double Correct { get; init; }
        public required bool Hinted { get; init; }
        public RawJson? Answer { get; init; }
        public required string SimpleAnswer { get; init; }
        public required RawJson InteractionHistory { get; init; }
        public string? User { get; init; }
        public required bool Error { get; init; }
        public string? Masterylog { get; init; }
        public required string Sessionlog { get; init; }
    }

    public const string Select = """
        SELECT a.id, a.item, a.start_timestamp, a.end_timestamp, a.completion_timestamp, a.time_spent, a.complete, a.correct,
            a.hinted, a.answer, a.simple_answer, a.interaction_history, a.user_id AS "user", a.error,
            a.masterylog_id AS masterylog, a.sessionlog_id AS sessionlog
        FROM logger_attemptlog a
        """;

    public static Dictionary<string, object?> Fields(Row row) => new()
    {
        ["id"] = row.Id, ["item"] = row.Item, ["start_timestamp"] = row.StartTimestamp, ["end_timestamp"] = row.EndTimestamp,
        ["completion_timestamp"] = row.CompletionTimestamp, ["time_spent"] = row.TimeSpent, ["complete"] = row.Complete,
        ["correct"] = row.Correct, ["hinted"] = row.Hinted, ["answer"] = row.Answer, ["simple_answer"] = row.SimpleAnswer,
        ["interaction_history"] = row.InteractionHistory, ["user"] = row.User, ["error"] = row.Error,
        ["masterylog"] = row.Masterylog, ["sessionlog"] = row.Sessionlog,
    };
}
