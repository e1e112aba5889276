using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceName;

/// <summary>PATCH /api/device/devicename/ <c>{"name"}</c>: required, at most 50 characters (Kolibri answers 500 otherwise).</summary>
public static class UpdateDeviceName
{
    private const string Sql = """
        INSERT INTO device_devicesettings (id, name) VALUES (1, @name) ON CONFLICT (id) DO UPDATE SET name = @name
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        if (!DeviceAccess.IsContentManager(http)) return KolibriErrors.Forbidden(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var name = body.String("name", required: true, maxLength: 50);
        if (body.Errors is { } invalid) return invalid;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.ExecuteAsync(Sql, new { name });
        return Results.Json(new GetDeviceName.NameBody { Name = name! });
    }
}
