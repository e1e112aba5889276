using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Facilities;

/// <summary>
/// DELETE /api/auth/facility/&lt;id&gt;/: superusers only. The database cascades to the facility's classrooms, groups,
/// users, memberships and roles; the dataset row stays, as in Kolibri.
/// </summary>
public static class DeleteFacility
{
    private const string ExistsSql = "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @id AND kind = 'facility'";
    private const string Sql = "DELETE FROM kolibriauth_collection WHERE id = @id AND kind = 'facility'";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } facilityId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await conn.ExecuteScalarAsync<long>(ExistsSql, new { id = facilityId }) == 0) return KolibriErrors.NotFound(http);
        if (CurrentUser.Of(http) is not { IsSuperuser: true }) return KolibriErrors.Forbidden(http);
        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(Sql, new { id = facilityId });
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
