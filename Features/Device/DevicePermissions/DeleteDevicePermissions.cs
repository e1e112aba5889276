using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DevicePermissions;

/// <summary>DELETE /api/device/devicepermissions/&lt;user id&gt;/: superusers, never their own row.</summary>
public static class DeleteDevicePermissions
{
    private const string ExistsSql = "SELECT COUNT(*) FROM device_devicepermissions WHERE user_id = @userId";
    private const string Sql = "DELETE FROM device_devicepermissions WHERE user_id = @userId";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } userId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (await conn.ExecuteScalarAsync<long>(ExistsSql, new { userId }) == 0) return KolibriErrors.NotFound(http);
        if (CurrentUser.Of(http) is not { IsSuperuser: true } caller || caller.Id == userId) return KolibriErrors.Forbidden(http);
        await conn.ExecuteAsync(Sql, new { userId });
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
