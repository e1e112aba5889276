using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceName;

/// <summary>/api/device/devicename/ (prefix): GET and PATCH the device's name; superusers and content managers.</summary>
public sealed class DeviceNameModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPrefix("/api/device/devicename", (group, route) => group.MapMethods(route, ["GET"], GetDeviceName.HandleAsync))
            .WithTags("Device").WithMetadata(new KolibriView("Device Name"));
        app.MapPrefix("/api/device/devicename", (group, route) => group.MapMethods(route, ["PATCH"], UpdateDeviceName.HandleAsync))
            .WithTags("Device").WithMetadata(new KolibriView("Device Name"));
        app.MapPrefix("/api/device/devicename", (group, route) => group.MapMethods(route, ["POST", "PUT", "DELETE"], (HttpContext http) => DeviceAccess.IsContentManager(http)
                ? KolibriErrors.Detail(405, $"Method \"{http.Request.Method}\" not allowed.")
                : KolibriErrors.Forbidden(http)))
            .WithTags("Device").WithMetadata(new KolibriView("Device Name"));
    }
}
