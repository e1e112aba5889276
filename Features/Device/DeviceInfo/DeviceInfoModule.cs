using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceInfo;

/// <summary>/api/device/deviceinfo/ (and anything below it): what this server is and where it listens.</summary>
public sealed class DeviceInfoModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPrefix("/api/device/deviceinfo", (group, route) => group.MapMethods(route, ["GET"], GetDeviceInfo.HandleAsync))
            .WithTags("Device").WithMetadata(new KolibriView("Device Info"));
}
