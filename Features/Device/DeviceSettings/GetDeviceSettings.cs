using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceSettings;

/// <summary>GET /api/device/devicesettings/: superusers and content managers.</summary>
public static class GetDeviceSettings
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, IConfiguration config)
    {
        if (!DeviceAccess.IsContentManager(http)) return KolibriErrors.Forbidden(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Results.Json(await DeviceSettingsObject.LoadAsync(conn, config));
    }
}
