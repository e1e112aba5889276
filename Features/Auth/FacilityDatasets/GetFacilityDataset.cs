using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>GET /api/auth/facilitydataset/&lt;id&gt;/: one facility's dataset, for everyone.</summary>
public static class GetFacilityDataset
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } datasetId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return await DatasetObject.QueryAsync(conn, datasetId) is [var dataset] ? Results.Json(dataset) : KolibriErrors.NotFound(http);
    }
}
