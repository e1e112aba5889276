using System.Globalization;
using System.Text.Json;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>Published quizzes and drafts in the one shape /api/exams/exam/ sends (drafts: integer id, draft true).</summary>
public static class ExamObject
{
    public sealed record ExamRow
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required RawJson QuestionSources { get; init; }
        public required int Seed { get; init; }
        public required string Collection { get; init; }
        public required int QuestionCount { get; init; }
        public string? Creator { get; init; }
        public required int DataModelVersion { get; init; }
        public required bool LearnersSeeFixedOrder { get; init; }
        public string? DateCreated { get; init; }
        public required bool Active { get; init; }
        public required bool Archive { get; init; }
        public string? DateArchived { get; init; }
        public string? DateActivated { get; init; }
    }

    public sealed record DraftRow
    {
        public required long Id { get; init; }
        public required string Title { get; init; }
        public required RawJson QuestionSources { get; init; }
        public required int Seed { get; init; }
        public required string Collection { get; init; }
        public required int QuestionCount { get; init; }
        public string? Creator { get; init; }
        public required int DataModelVersion { get; init; }
        public required bool LearnersSeeFixedOrder { get; init; }
        public string? DateCreated { get; init; }
        public required string Assignments { get; init; }
        public required string LearnerIds { get; init; }
    }

    public sealed record Item
    {
        public required object Id { get; init; }
        public required string Title { get; init; }
        public required RawJson QuestionSources { get; init; }
        public required int Seed { get; init; }
        public required string Collection { get; init; }
        public required int QuestionCount { get; init; }
        public string? Creator { get; init; }
        public required int DataModelVersion { get; init; }
        public required bool LearnersSeeFixedOrder { get; init; }
        public string? DateCreated { get; init; }
        public required bool Active { get; init; }
        public required bool Archive { get; init; }
        public string? DateArchived { get; init; }
        public string? DateActivated { get; init; }
        public required IReadOnlyList<string> Assignments { get; init; }
        public required IReadOnlyList<string> LearnerIds { get; init; }
        public required bool Draft { get; init; }
    }

    public const string ExamSelect = """
        SELECT e.id, e.title, e.question_sources, e.seed, e.collection_id AS collection, e.question_count, e.creator_id AS creator,
            e.data_model_version, e.learners_see_fixed_order, e.date_created, e.active, e.archive, e.date_archived, e.date_activated
        FROM exams_exam e
        """;

    public const string DraftSelect = """
        SELECT e.id, e.title, e.question_sources, e.seed, e.collection_id AS collection, e.question_count, e.creator_id AS creator,
            e.data_model_version, e.learners_see_fixed_order, e.date_created, e.assignments, e.learner_ids
        FROM exams_draftexam e
        """;

    public static async Task<List<Item>> ExamsAsync(DbConn conn, string where, object args)
    {
        var rows = (await conn.QueryAsync<ExamRow>($"{ExamSelect} WHERE {where}", args)).ToList();
        var (collections, learners) = await Assignments.LoadAsync(conn, AssignmentTable.Exams, rows.Select(r => r.Id).ToList());
        return rows.Select(r => new Item
        {
            Id = r.Id, Title = r.Title, QuestionSources = r.QuestionSources, Seed = r.Seed, Collection = r.Collection,
            QuestionCount = r.QuestionCount, Creator = r.Creator, DataModelVersion = r.DataModelVersion,
            LearnersSeeFixedOrder = r.LearnersSeeFixedOrder, DateCreated = r.DateCreated, Active = r.Active, Archive = r.Archive,
            DateArchived = r.DateArchived, DateActivated = r.DateActivated, Assignments = collections[r.Id].ToList(),
            LearnerIds = learners[r.Id].ToList(), Draft = false,
        }).ToList();
    }

    public static async Task<List<Item>> DraftsAsync(DbConn conn, string where, object args) =>
        (await conn.QueryAsync<DraftRow>($"{DraftSelect} WHERE {where}", args)).Select(r => new Item
        {
            Id = r.Id, Title = r.Title, QuestionSources = r.QuestionSources, Seed = r.Seed, Collection = r.Collection,
            QuestionCount = r.QuestionCount, Creator = r.Creator, DataModelVersion = r.DataModelVersion,
            LearnersSeeFixedOrder = r.LearnersSeeFixedOrder, DateCreated = r.DateCreated, Active = false, Archive = false,
            DateArchived = null, DateActivated = null, Assignments = IdsIn(r.Assignments), LearnerIds = IdsIn(r.LearnerIds), Draft = true,
        }).ToList();

    public static List<string> IdsIn(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Array
                ? doc.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Exams the caller may read: coaches of the classroom, and members of an assigned collection while the
    /// quiz is active or once they have started it.</summary>
    public static string ReadableExams(CurrentUser? user, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        args.Add("caller_id", user.Id);
        return $"""
            ({Readable.CoachedClassrooms(user, "e", args)}
             OR ({Readable.AssignedToCaller("exams_examassignment", "exam_id", "e")}
                 AND (e.active = TRUE OR EXISTS (SELECT 1 FROM logger_masterylog xm JOIN logger_contentsummarylog xs ON xs.id = xm.summarylog_id
                                                 WHERE xs.content_id = e.id AND xm.user_id = @caller_id))))
            """;
    }

    public static bool IsDraftId(string id, out long draftId) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out draftId) && id.All(char.IsAsciiDigit);

    public static async Task<Item?> OneAsync(DbConn conn, string id) =>
        IsDraftId(id, out var draftId)
            ? (await DraftsAsync(conn, "e.id = @draftId", new { draftId })).SingleOrDefault()
            : (await ExamsAsync(conn, "e.id = @id", new { id })).SingleOrDefault();

    /// <summary>Newest first, rows without a date last.</summary>
    public static List<Item> Sorted(IEnumerable<Item> items) =>
        items.OrderBy(i => i.DateCreated is null).ThenByDescending(i => i.DateCreated, StringComparer.Ordinal).ToList();
}
