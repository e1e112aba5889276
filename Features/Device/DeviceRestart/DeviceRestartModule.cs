using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceRestart;

/// <summary>
/// GET|POST /api/device/devicerestart/ (prefix), superusers only. Kolibri restarts its own process here; KolibriSlices
/// runs under whatever started it (a service manager, a container) and cannot restart itself, so it says so with a 501
/// instead of pretending a restart is under way.
/// </summary>
public sealed class DeviceRestartModule : ICarterModule
{
    public const string Message = "This server cannot restart itself. Restart it with the tool that runs it (for example its service manager).";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPrefix("/api/device/devicerestart", (group, route) => group.MapMethods(route, ["GET", "POST"], Handle)).WithTags("Device").WithMetadata(new KolibriView("Device Restart"));

    public static IResult Handle(HttpContext http) =>
        DeviceAccess.IsSuperuser(http) ? KolibriErrors.Detail(501, Message) : KolibriErrors.Forbidden(http);
}
