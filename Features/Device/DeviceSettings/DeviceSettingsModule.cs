using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceSettings;

/// <summary>
/// /api/device/devicesettings/ (prefix): GET and PATCH for superusers and content managers; POST/PUT/DELETE are 405,
/// but only after the permission check (anonymous POST is a 403, as in Kolibri).
/// </summary>
public sealed class DeviceSettingsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPrefix("/api/device/devicesettings", (group, route) => group.MapMethods(route, ["GET"], GetDeviceSettings.HandleAsync))
            .WithTags("Device").WithMetadata(new KolibriView("Device Settings"));
        app.MapPrefix("/api/device/devicesettings", (group, route) => group.MapMethods(route, ["PATCH"], UpdateDeviceSettings.HandleAsync))
            .WithTags("Device").WithMetadata(new KolibriView("Device Settings"));
        app.MapPrefix("/api/device/devicesettings", (group, route) => group.MapMethods(route, ["POST", "PUT", "DELETE"], (HttpContext http) => DeviceAccess.IsContentManager(http)
                ? KolibriErrors.Detail(405, $"Method \"{http.Request.Method}\" not allowed.")
                : KolibriErrors.Forbidden(http)))
            .WithTags("Device").WithMetadata(new KolibriView("Device Settings"));
    }
}
