using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DevicePermissions;

/// <summary>GET /api/device/devicepermissions/: every row for a superuser, <c>[]</c> for anyone else.</summary>
public static class ListDevicePermissions
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, error) = Paging.Parse(http);
        if (error is not null) return error;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var rows = await conn.QueryAsync<DevicePermissionsRow.Permissions>(
            $"{DevicePermissionsRow.Select} WHERE {Readable.DevicePermissions(CurrentUser.Of(http))} ORDER BY p.user_id");
        return Paging.Respond(http, paging, rows.ToList());
    }
}
