using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>
/// PUT/PATCH /api/auth/facilitydataset/&lt;id&gt;/: the facility's admin or a superuser. Nothing is required (every field
/// has a default). The resulting row may not allow passwordless login together with learners editing passwords: that
/// is a 400 with a bare list of one message.
/// </summary>
public static class UpdateFacilityDataset
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } datasetId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await DatasetObject.RowAsync(conn, datasetId) is not { } row) return KolibriErrors.NotFound(http);
        if (!row.MayBeUpdatedBy(CurrentUser.Of(http))) return KolibriErrors.Forbidden(http);

        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: true);
        if (error is not null) return error;
        var updated = DatasetFields.Apply(body, row);
        if (body.Errors is { } invalid) return invalid;
        if (updated.IncompatibleSettings) return KolibriErrors.Messages(DatasetObject.IncompatibleMessage);

        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(DatasetFields.UpdateSql, updated);
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json((await DatasetObject.QueryAsync(conn, datasetId, withoutFacility: true))[0]);
    }
}
