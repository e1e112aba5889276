using System.Text.Json;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>POST /api/exams/exam/: a draft (the default) or, with <c>draft: false</c>, a published quiz with its assignments.</summary>
public static class CreateExam
{
    private const string InsertDraftSql = """
        INSERT INTO exams_draftexam (title, question_count, question_sources, seed, learners_see_fixed_order, data_model_version,
            date_created, assignments, learner_ids, collection_id, creator_id)
        VALUES (@title, @count, @sources, 1, @fixedOrder, 3, @now, @assignments, @learnerIds, @collection, @creator)
        RETURNING id
        """;

    public const string InsertExamSql = """
        INSERT INTO exams_exam (id, title, question_count, question_sources, seed, active, archive, collection_id, creator_id, dataset_id,
            data_model_version, learners_see_fixed_order, date_archived, date_activated, date_created)
        SELECT @id, @title, @count, @sources, @seed, @active, @archive, c.id, @creator, c.dataset_id, @version, @fixedOrder,
            @dateArchived, @dateActivated, @dateCreated
        FROM kolibriauth_collection c WHERE c.id = @collection
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (exam, error) = await ExamBody.ReadAsync(http, conn, partial: false, creating: true);
        if (error is not null) return error;
        var draft = exam!.Draft ?? true;
        if (draft && (exam.Active == true || exam.Archive == true))
            return ExamBody.Invalid("A draft quiz cannot be active or archived.");
        var sources = exam.QuestionSources!;
        if (!draft && ExamQuestions.Count(sources) == 0)
            return ExamBody.Invalid("A published quiz needs at least one question.");

        var user = CurrentUser.Of(http);
        if (user is null || !Readable.CoachesCollection(user, exam.Collection!, await Assignments.FacilityOfAsync(conn, exam.Collection!) ?? ""))
            return KolibriErrors.Forbidden(http);

        var now = KolibriTime.Now(clock);
        await conn.BeginWriteAsync(http.RequestAborted);
        string id;
        if (draft)
        {
            id = (await conn.ExecuteScalarAsync<long>(InsertDraftSql, new
            {
                title = exam.Title, count = ExamQuestions.Count(sources), sources = sources.ToJsonString(), fixedOrder = exam.LearnersSeeFixedOrder ?? false,
                now, assignments = JsonSerializer.Serialize(exam.Assignments ?? []), learnerIds = JsonSerializer.Serialize(exam.LearnerIds ?? []),
                collection = exam.Collection, creator = user.Id,
            })).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            id = Ids.New();
            var published = ExamQuestions.WithoutEmptySections(sources);
            var active = exam.Active ?? false;
            var archive = exam.Archive ?? false;
            await conn.ExecuteAsync(InsertExamSql, new
            {
                id, title = exam.Title, count = ExamQuestions.Count(published), sources = published.ToJsonString(), seed = 1, active, archive,
                creator = user.Id, version = 3, fixedOrder = exam.LearnersSeeFixedOrder ?? false, dateArchived = archive ? now : null,
                dateActivated = active ? now : null, dateCreated = now, collection = exam.Collection,
            });
            await Assignments.SyncCollectionsAsync(conn, AssignmentTable.Exams, id, exam.Assignments ?? [], user.Id);
            if (exam.LearnerIds is { Count: > 0 } learners)
                await Assignments.SyncLearnersAsync(conn, AssignmentTable.Exams, id, exam.Collection!, learners, user.Id);
        }
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await ExamObject.OneAsync(conn, id), statusCode: 201);
    }
}
