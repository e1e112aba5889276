namespace KolibriSlices.Infrastructure.Auth;

/// <summary>Who may use the device-management endpoints (flag-guarded: 403 for every method otherwise).</summary>
public static class DeviceAccess
{
    /// <summary>Superusers and users with the can_manage_content flag.</summary>
    public static bool IsContentManager(HttpContext http) => CurrentUser.Of(http) is { CanManageContent: true };

    public static bool IsSuperuser(HttpContext http) => CurrentUser.Of(http) is { IsSuperuser: true };
}
