using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Memberships;

/// <summary>GET /api/auth/membership/&lt;id&gt;/: one membership, 404 unless the caller may read it.</summary>
public static class GetMembership
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } membershipId) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = membershipId });
        var readable = Readable.Memberships(CurrentUser.Of(http), "m", args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<MembershipRows.Membership>(
            $"SELECT {MembershipRows.Columns} FROM kolibriauth_membership m WHERE m.id = @id AND {readable}", args);
        return row is null ? KolibriErrors.NotFound(http) : Results.Json(row);
    }
}
