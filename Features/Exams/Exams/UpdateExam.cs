using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>
/// PUT/PATCH /api/exams/exam/&lt;id&gt;/: edits a draft, publishes it (<c>draft: false</c> makes a new quiz with a new id
/// from the draft), or edits a published quiz; closing or deactivating a quiz finishes its learners' tries.
/// </summary>
public static class UpdateExam
{
    public sealed record Current
    {
        public required string Collection { get; init; }
        public required bool Active { get; init; }
        public required bool Archive { get; init; }
    }

    private const string UpdateDraftSql = """
        UPDATE exams_draftexam
        SET title = COALESCE(@title, title), learners_see_fixed_order = COALESCE(@fixedOrder, learners_see_fixed_order),
            question_sources = COALESCE(@sources, question_sources), question_count = COALESCE(@count, question_count),
            assignments = COALESCE(@assignments, assignments), learner_ids = COALESCE(@learnerIds, learner_ids)
        WHERE id = @draftId
        """;

    private const string UpdateExamSql = """
        UPDATE exams_exam
        SET title = COALESCE(@title, title), learners_see_fixed_order = COALESCE(@fixedOrder, learners_see_fixed_order),
            active = @active, archive = @archive, date_activated = COALESCE(date_activated, @dateActivated),
            date_archived = COALESCE(date_archived, @dateArchived), _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    private const string FinishOpenTriesSql = """
        UPDATE logger_masterylog SET completion_timestamp = @now, _morango_dirty_bit = TRUE
        WHERE completion_timestamp IS NULL AND summarylog_id IN (SELECT id FROM logger_contentsummarylog WHERE content_id = @id)
        """;

    private const string CloseTriesSql = """
        UPDATE logger_masterylog SET complete = TRUE, _morango_dirty_bit = TRUE
        WHERE summarylog_id IN (SELECT id FROM logger_contentsummarylog WHERE content_id = @id)
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock, string id, bool partial)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var isDraft = ExamObject.IsDraftId(id, out var draftId);
        var examId = isDraft ? null : Ids.Normalize(id);
        if (!isDraft && examId is null) return KolibriErrors.NotFound(http);
        var current = isDraft
            ? await conn.QuerySingleOrDefaultAsync<Current>("SELECT collection_id AS collection, FALSE AS active, FALSE AS archive FROM exams_draftexam WHERE id = @draftId", new { draftId })
            : await conn.QuerySingleOrDefaultAsync<Current>("SELECT collection_id AS collection, active, archive FROM exams_exam WHERE id = @examId", new { examId });
        if (current is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        if (user is null || !Readable.CoachesCollection(user, current.Collection, await Assignments.FacilityOfAsync(conn, current.Collection) ?? ""))
            return KolibriErrors.Forbidden(http);

        var (exam, error) = await ExamBody.ReadAsync(http, conn, partial, creating: false, current.Collection, examId, isDraft ? draftId : null);
        if (error is not null) return error;
        var publishing = isDraft && exam!.Draft == false;
        if (isDraft && !publishing && (exam!.Active == true || exam.Archive == true))
            return ExamBody.Invalid("A draft quiz cannot be active or archived.");
        if (!isDraft && exam!.QuestionSources is not null)
            return ExamBody.Invalid("The questions of a published quiz cannot be changed.");
        if (!isDraft && exam!.Draft == true) return KolibriErrors.Messages("Cannot change an Exam to a DraftExam");

        var now = KolibriTime.Now(clock);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (isDraft && !publishing)
        {
            await conn.ExecuteAsync(UpdateDraftSql, new
            {
                draftId, title = exam!.Title, fixedOrder = exam.LearnersSeeFixedOrder, sources = exam.QuestionSources?.ToJsonString(),
                count = exam.QuestionSources is null ? (int?)null : ExamQuestions.Count(exam.QuestionSources),
                assignments = exam.Assignments is null ? null : JsonSerializer.Serialize(exam.Assignments),
                learnerIds = exam.LearnerIds is null ? null : JsonSerializer.Serialize(exam.LearnerIds),
            });
            await conn.CommitAsync(http.RequestAborted);
            return Results.Json(await ExamObject.OneAsync(conn, id));
        }

        var assignments = exam!.Assignments;
        var learnerIds = exam.LearnerIds;
        var wasActive = current.Active;
        var wasArchived = current.Archive;
        if (publishing)
        {
            var draft = (await ExamObject.DraftsAsync(conn, "e.id = @draftId", new { draftId })).Single();
            var sources = JsonNode.Parse(draft.QuestionSources.Text) as JsonArray ?? [];
            if (ExamQuestions.Count(sources) == 0) return KolibriErrors.Messages("Cannot publish a draft exam with no questions");
            var published = ExamQuestions.WithoutEmptySections(sources);
            examId = Ids.New();
            await conn.ExecuteAsync(CreateExam.InsertExamSql, new
            {
                id = examId, title = draft.Title, count = ExamQuestions.Count(published), sources = published.ToJsonString(), seed = draft.Seed,
                active = false, archive = false, creator = draft.Creator, version = draft.DataModelVersion, fixedOrder = draft.LearnersSeeFixedOrder,
                dateArchived = (string?)null, dateActivated = (string?)null, dateCreated = draft.DateCreated ?? now, collection = draft.Collection,
            });
            await conn.ExecuteAsync("DELETE FROM exams_draftexam WHERE id = @draftId", new { draftId });
            // The draft's stored lists apply unless the request sends its own; ids that no longer exist are skipped.
            assignments ??= draft.Assignments.Except(await Assignments.UnknownCollectionsAsync(conn, draft.Assignments)).ToList();
            learnerIds ??= draft.LearnerIds.Except(await Assignments.UnknownUsersAsync(conn, draft.LearnerIds)).ToList();
            wasActive = false;
            wasArchived = false;
        }

        var active = exam.Active ?? wasActive;
        var archive = exam.Archive ?? wasArchived;
        await conn.ExecuteAsync(UpdateExamSql, new
        {
            id = examId, title = exam.Title, fixedOrder = exam.LearnersSeeFixedOrder, active, archive,
            dateActivated = active ? now : null, dateArchived = archive ? now : null,
        });
        if (wasActive && !active) await conn.ExecuteAsync(FinishOpenTriesSql, new { id = examId, now });
        if (!wasArchived && archive) await conn.ExecuteAsync(CloseTriesSql, new { id = examId });
        if (assignments is not null) await Assignments.SyncCollectionsAsync(conn, AssignmentTable.Exams, examId!, assignments, user.Id);
        if (learnerIds is not null) await Assignments.SyncLearnersAsync(conn, AssignmentTable.Exams, examId!, current.Collection, learnerIds, user.Id);
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await ExamObject.OneAsync(conn, examId!));
    }
}
