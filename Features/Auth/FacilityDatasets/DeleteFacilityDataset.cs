using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>
/// DELETE /api/auth/facilitydataset/&lt;id&gt;/: superusers only. As in Kolibri, everything of the dataset goes with it:
/// its facility (which cascades to classrooms, groups, users, memberships, roles), then the dataset.
/// </summary>
public static class DeleteFacilityDataset
{
    private const string Sql = """
        DELETE FROM kolibriauth_collection WHERE dataset_id = @id AND kind = 'facility';
        DELETE FROM kolibriauth_facilitydataset WHERE id = @id;
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } datasetId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await DatasetObject.RowAsync(conn, datasetId) is null) return KolibriErrors.NotFound(http);
        if (CurrentUser.Of(http) is not { IsSuperuser: true }) return KolibriErrors.Forbidden(http);
        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(Sql, new { id = datasetId });
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
