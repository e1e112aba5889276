using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>GET /api/auth/facilitydataset/: every facility's dataset, for everyone; <c>facility_id</c> narrows to one facility's.</summary>
public static class ListFacilityDatasets
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var query = new QueryParams(http.Request);
        var facility = query.Uuid("facility_id");
        if (query.Errors is { } badFilter) return badFilter;
        var (paging, error) = Paging.Parse(http);
        if (error is not null) return error;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Paging.Respond(http, paging, await DatasetObject.QueryAsync(conn, facility: facility));
    }
}
