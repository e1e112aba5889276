using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsernames;

/// <summary>GET /api/auth/facilityusername/&lt;user id&gt;/: <c>{"username"}</c> of one passwordless learner, else 404.</summary>
public static class GetFacilityUsername
{
    private const string Sql = $"""
        SELECT u.username FROM kolibriauth_facilityuser u WHERE u.id = @id AND {ListFacilityUsernames.Passwordless}
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } userId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return await conn.QuerySingleOrDefaultAsync<ListFacilityUsernames.Item>(Sql, new { id = userId }) is { } item
            ? Results.Json(item)
            : KolibriErrors.NotFound(http);
    }
}
