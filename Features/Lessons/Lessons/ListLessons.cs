using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>GET /api/lessons/lesson/: lessons of the classrooms the caller coaches, newest first.</summary>
public static class ListLessons
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (where, args, error) = await LessonObject.FilterAsync(http, conn);
        if (error is not null) return error;
        return Paging.Respond(http, paging, await LessonObject.LoadAsync(conn, where!, args));
    }
}
