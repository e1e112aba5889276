using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Facilities;

/// <summary>GET /api/auth/facility/: every facility on the device, for everyone (login screens need them).</summary>
public static class ListFacilities
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, error) = Paging.Parse(http);
        if (error is not null) return error;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Paging.Respond(http, paging, await FacilityObject.QueryAsync(conn));
    }
}
