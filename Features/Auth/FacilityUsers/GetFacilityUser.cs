using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>GET /api/auth/facilityuser/&lt;id&gt;/: one user, 404 unless the caller may read them.</summary>
public static class GetFacilityUser
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } userId) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = userId });
        var readable = Readable.Users(CurrentUser.Of(http), "u", args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var user = await conn.QuerySingleOrDefaultAsync<string>(
            $"SELECT {UserObject.Json(conn)} FROM kolibriauth_facilityuser u {UserObject.SuperuserJoin} WHERE u.id = @id AND {readable}", args);
        return user is null ? KolibriErrors.NotFound(http) : Results.Json(RawJson.Trusted(user));
    }
}
