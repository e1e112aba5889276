using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DriveInfo;

/// <summary>GET /api/device/driveinfo/&lt;id&gt;/: one drive, 404 if no mounted drive has that id.</summary>
public static class GetDrive
{
    public static IResult Handle(HttpContext http, string id)
    {
        if (!DeviceAccess.IsContentManager(http)) return KolibriErrors.Forbidden(http);
        return Drives.All().FirstOrDefault(d => d.Id == id) is { } drive ? Results.Json(drive) : KolibriErrors.NotFound(http);
    }
}
