using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DriveInfo;

/// <summary>GET /api/device/driveinfo/: content managers only.</summary>
public static class ListDrives
{
    public static IResult Handle(HttpContext http)
    {
        if (!DeviceAccess.IsContentManager(http)) return KolibriErrors.Forbidden(http);
        var (paging, error) = Paging.Parse(http);
        return error ?? Paging.Respond(http, paging, Drives.All());
    }
}
