using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>
/// DELETE /api/auth/facilityuser/&lt;id&gt;/: the user's facility admin or a superuser, never oneself. The database
/// cascades to the user's memberships, roles, device permissions and sessions.
/// </summary>
public static class DeleteFacilityUser
{
    private const string FacilitySql = "SELECT facility_id FROM kolibriauth_facilityuser WHERE id = @id";
    private const string Sql = "DELETE FROM kolibriauth_facilityuser WHERE id = @id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } userId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await conn.ExecuteScalarAsync<string?>(FacilitySql, new { id = userId }) is not { } facilityId) return KolibriErrors.NotFound(http);
        if (CurrentUser.Of(http) is not { } me || me.Id == userId || !me.IsAdminOf(facilityId)) return KolibriErrors.Forbidden(http);
        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(Sql, new { id = userId });
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
