using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Classrooms;

/// <summary>GET /api/auth/classroom/&lt;id&gt;/: one classroom, 404 unless the caller may read it.</summary>
public static class GetClassroom
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } classroomId) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = classroomId });
        var readable = Readable.Classrooms(CurrentUser.Of(http), "c", args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return (await ClassroomObject.QueryAsync(conn, $"c.id = @id AND {readable}", args)) is [var classroom]
            ? Results.Json(classroom)
            : KolibriErrors.NotFound(http);
    }
}
