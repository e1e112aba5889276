using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>POST /api/lessons/lesson/: a lesson in a classroom the caller coaches, with its assignments (201).</summary>
public static class CreateLesson
{
    private const string InsertSql = """
        INSERT INTO lessons_lesson (id, title, description, resources, is_active, collection_id, dataset_id, date_created, created_by_id)
        SELECT @id, @title, @description, @resources, @active, c.id, c.dataset_id, @now, @createdBy FROM kolibriauth_collection c WHERE c.id = @collection
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (lesson, error) = await LessonBody.ReadAsync(http, conn, partial: false, requireCollection: true);
        if (error is not null) return error;
        var user = CurrentUser.Of(http);
        var facility = await Assignments.FacilityOfAsync(conn, lesson!.Collection!);
        if (user is null || !Readable.CoachesCollection(user, lesson.Collection!, facility ?? "")) return KolibriErrors.Forbidden(http);

        var id = Ids.New();
        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(InsertSql, new
        {
            id, title = lesson.Title, description = lesson.Description ?? "", resources = lesson.Resources ?? "[]",
            active = lesson.Active ?? false, collection = lesson.Collection, now = KolibriTime.Now(clock), createdBy = user.Id,
        });
        await Assignments.SyncCollectionsAsync(conn, AssignmentTable.Lessons, id, lesson.Assignments ?? [], user.Id);
        if (lesson.LearnerIds is { Count: > 0 } learners)
            await Assignments.SyncLearnersAsync(conn, AssignmentTable.Lessons, id, lesson.Collection!, learners, user.Id);
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await LessonObject.OneAsync(conn, id), statusCode: 201);
    }
}
