using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>PUT/PATCH /api/lessons/lesson/&lt;id&gt;/: changes what is sent; a lesson never moves to another classroom.</summary>
public static class UpdateLesson
{
    public sealed record Existing
    {
        public required string CollectionId { get; init; }
    }

    private const string UpdateSql = """
        UPDATE lessons_lesson
        SET title = COALESCE(@title, title), description = COALESCE(@description, description),
            is_active = COALESCE(@active, is_active), resources = COALESCE(@resources, resources), _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id, bool partial)
    {
        if (Ids.Normalize(id) is not { } lessonId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var existing = await conn.QuerySingleOrDefaultAsync<Existing>("SELECT collection_id FROM lessons_lesson WHERE id = @lessonId", new { lessonId });
        if (existing is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        var facility = await Assignments.FacilityOfAsync(conn, existing.CollectionId);
        if (user is null || !Readable.CoachesCollection(user, existing.CollectionId, facility ?? "")) return KolibriErrors.Forbidden(http);

        var (lesson, error) = await LessonBody.ReadAsync(http, conn, partial, requireCollection: !partial, lessonId, existing.CollectionId);
        if (error is not null) return error;

        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(UpdateSql, new
        {
            id = lessonId, title = lesson!.Title, description = lesson.Description, active = lesson.Active, resources = lesson.Resources,
        });
        if (lesson.Assignments is { } assignments)
            await Assignments.SyncCollectionsAsync(conn, AssignmentTable.Lessons, lessonId, assignments, user.Id);
        if (lesson.LearnerIds is { } learners)
            await Assignments.SyncLearnersAsync(conn, AssignmentTable.Lessons, lessonId, existing.CollectionId, learners, user.Id);
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await LessonObject.OneAsync(conn, lessonId));
    }
}
