using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Facilities;

/// <summary>GET /api/auth/facility/&lt;id&gt;/: one facility, for everyone.</summary>
public static class GetFacility
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } facilityId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return (await FacilityObject.QueryAsync(conn, facilityId)) is [var facility]
            ? Results.Json(facility)
            : KolibriErrors.NotFound(http);
    }
}
