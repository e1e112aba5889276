using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceProvision;

/// <summary>
/// /api/device/deviceprovision/: first-run setup, POST only and only while the device is unprovisioned; CSRF is checked
/// even for anonymous callers. Every other method is a 403 once provisioned (permission before method, as in Kolibri).
/// </summary>
public sealed class DeviceProvisionModule : ICarterModule
{
    private static readonly string[] OtherMethods = ["GET", "PUT", "PATCH", "DELETE"];

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPrefix("/api/device/deviceprovision", (group, route) => group.MapMethods(route, ["POST"], ProvisionDevice.HandleAsync))
            .WithTags("Device").WithMetadata(new KolibriView("Device Provision"), new CsrfAlways());
        app.MapPrefix("/api/device/deviceprovision", (group, route) => group.MapMethods(route, OtherMethods, OtherMethodAsync))
            .WithTags("Device").WithMetadata(new KolibriView("Device Provision"));
    }

    private static async Task<IResult> OtherMethodAsync(HttpContext http, Db db)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return await ProvisionDevice.IsProvisionedAsync(conn)
            ? KolibriErrors.Forbidden(http)
            : KolibriErrors.Detail(405, $"Method \"{http.Request.Method}\" not allowed.");
    }
}
