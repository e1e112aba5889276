using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>DELETE /api/lessons/lesson/&lt;id&gt;/: the lesson, its assignments, its ad-hoc group and its notifications (204).</summary>
public static class DeleteLesson
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } lessonId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var collection = await conn.ExecuteScalarAsync<string?>("SELECT collection_id FROM lessons_lesson WHERE id = @lessonId", new { lessonId });
        if (collection is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        if (user is null || !Readable.CoachesCollection(user, collection, await Assignments.FacilityOfAsync(conn, collection) ?? "")) return KolibriErrors.Forbidden(http);

        await conn.BeginWriteAsync(http.RequestAborted);
        await Assignments.DeleteAdHocAsync(conn, AssignmentTable.Lessons, lessonId);
        await conn.ExecuteAsync("DELETE FROM notifications_learnerprogressnotification WHERE lesson_id = @lessonId", new { lessonId });
        await conn.ExecuteAsync("DELETE FROM lessons_lesson WHERE id = @lessonId", new { lessonId });
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
