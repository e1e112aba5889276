using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DevicePermissions;

/// <summary>GET /api/device/devicepermissions/&lt;user id&gt;/: superusers only (404 for anyone else).</summary>
public static class GetDevicePermissions
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } userId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<DevicePermissionsRow.Permissions>(
            $"{DevicePermissionsRow.Select} WHERE p.user_id = @userId AND {Readable.DevicePermissions(CurrentUser.Of(http))}", new { userId });
        return row is null ? KolibriErrors.NotFound(http) : Results.Json(row);
    }
}
