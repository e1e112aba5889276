using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>
/// POST /api/auth/facilitydataset/&lt;id&gt;/resetsettings/: re-applies the dataset's preset. Whoever may update the
/// dataset; anyone else gets PERMISSION_DENIED, anonymous callers too. 200 with the 13 stored fields.
/// </summary>
public static class ResetDatasetSettings
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } datasetId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await DatasetObject.RowAsync(conn, datasetId) is not { } row) return KolibriErrors.NotFound(http);
        if (!row.MayBeUpdatedBy(CurrentUser.Of(http))) return KolibriErrors.Forbidden(http, "PERMISSION_DENIED");
        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(DatasetPresets.ApplySql, DatasetPresets.Parameters(datasetId, row.Preset));
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await DatasetObject.QueryPlainAsync(conn, datasetId));
    }
}
