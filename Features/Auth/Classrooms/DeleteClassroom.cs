using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Classrooms;

/// <summary>
/// DELETE /api/auth/classroom/&lt;id&gt;/: the facility's admin or a superuser. Foreign keys cascade to the classroom's
/// groups and to every membership and role on the classroom and its groups.
/// </summary>
public static class DeleteClassroom
{
    private const string Sql = "DELETE FROM kolibriauth_collection WHERE id = @id AND kind = 'classroom'";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } classroomId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (await Writable.PlaceAsync(conn, classroomId) is not { Kind: Writable.Classroom } classroom) return KolibriErrors.NotFound(http);
        if (!Writable.CanManageClassroom(CurrentUser.Of(http), classroom.FacilityId)) return KolibriErrors.Forbidden(http);
        await conn.ExecuteAsync(Sql, new { id = classroom.Id });
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
