using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.UserSyncStatus;

/// <summary>GET /api/device/usersyncstatus/&lt;id&gt;/ (the row's integer id): 404 unless its user is readable.</summary>
public static class GetUserSyncStatus
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock, string id)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, null, out var rowId)) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = rowId });
        var readable = Readable.UserSyncStatuses(CurrentUser.Of(http), "s", args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<SyncStatusObject.Row>($"{SyncStatusObject.Select} WHERE s.id = @id AND {readable}", args);
        return row is null ? KolibriErrors.NotFound(http) : Results.Json(SyncStatusObject.From(row, clock));
    }
}
