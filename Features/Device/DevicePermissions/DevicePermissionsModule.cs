using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DevicePermissions;

/// <summary>/api/device/devicepermissions/ and /&lt;user id&gt;/: superusers manage who else is superuser or content manager.</summary>
public sealed class DevicePermissionsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/device/devicepermissions").WithTags("Device").WithMetadata(new KolibriView("Device Permissions"));
        group.MapGet("/", ListDevicePermissions.HandleAsync);
        group.MapPost("/", CreateDevicePermissions.HandleAsync);
        group.MapGet("/{id}/", GetDevicePermissions.HandleAsync);
        group.MapPut("/{id}/", UpdateDevicePermissions.HandleAsync);
        group.MapPatch("/{id}/", UpdateDevicePermissions.HandleAsync);
        group.MapDelete("/{id}/", DeleteDevicePermissions.HandleAsync);
    }
}
