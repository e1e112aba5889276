using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DriveInfo;

/// <summary>/api/device/driveinfo/ and /&lt;id&gt;/: this machine's drives, for importing and exporting content.</summary>
public sealed class DriveInfoModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/device/driveinfo").WithTags("Device").WithMetadata(new KolibriView("Drive Info"));
        group.MapGet("/", ListDrives.Handle);
        group.MapGet("/{id}/", GetDrive.Handle);
    }
}
