using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Learn.Home;

/// <summary>GET /learn/api/state: whether the caller is in any class, and whether their facility shows download buttons.</summary>
public static class LearnState
{
    private const string InClassesSql = "SELECT COUNT(*) FROM kolibriauth_membership WHERE user_id = @userId";

    private const string DownloadSql = "SELECT show_download_button_in_learn FROM kolibriauth_facilitydataset WHERE id = @datasetId";

    private const string DefaultFacilityDownloadSql = """
        SELECT ds.show_download_button_in_learn FROM device_devicesettings d
        JOIN kolibriauth_collection f ON f.id = d.default_facility_id JOIN kolibriauth_facilitydataset ds ON ds.id = f.dataset_id
        ORDER BY d.id LIMIT 1
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var user = CurrentUser.Of(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var inClasses = user is not null && await conn.ExecuteScalarAsync<long>(InClassesSql, new { userId = user.Id }) > 0;
        var download = user is not null
            ? await conn.ExecuteScalarAsync<bool?>(DownloadSql, new { datasetId = user.DatasetId })
            : await conn.ExecuteScalarAsync<bool?>(DefaultFacilityDownloadSql);
        return Results.Json(new Dictionary<string, bool> { ["in_classes"] = inClasses, ["can_download_externally"] = download ?? true });
    }
}
