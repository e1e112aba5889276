using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>GET /api/lessons/lesson/&lt;id&gt;/: one lesson of a classroom the caller coaches, else 404.</summary>
public static class GetLesson
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } lessonId) return KolibriErrors.NotFound(http);
        var args = new Dapper.DynamicParameters(new { id = lessonId });
        var where = $"l.id = @id AND {Readable.CoachedClassrooms(CurrentUser.Of(http), "l", args)}";
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var lesson = (await LessonObject.LoadAsync(conn, where, args)).SingleOrDefault();
        return lesson is null ? KolibriErrors.NotFound(http) : Results.Json(lesson);
    }
}
