using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceName;

/// <summary>GET /api/device/devicename/: <c>{"name"}</c>, the host name until one is set.</summary>
public static class GetDeviceName
{
    public sealed record NameBody
    {
        public required string Name { get; init; }
    }

    private const string Sql = "SELECT name FROM device_devicesettings WHERE id = 1";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        if (!DeviceAccess.IsContentManager(http)) return KolibriErrors.Forbidden(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var name = await conn.ExecuteScalarAsync<string?>(Sql);
        return Results.Json(new NameBody { Name = string.IsNullOrEmpty(name) ? HostName : name });
    }

    /// <summary>Kolibri's default device name: the host name, cut to the column's 50 characters.</summary>
    public static string HostName => Environment.MachineName.Length > 50 ? Environment.MachineName[..50] : Environment.MachineName;
}
