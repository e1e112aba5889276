namespace KolibriSlices.Features.Device.DevicePermissions;

/// <summary>The wire object and its query.</summary>
public static class DevicePermissionsRow
{
    public sealed record Permissions
    {
        public required string User { get; init; }
        public required bool IsSuperuser { get; init; }
        public required bool CanManageContent { get; init; }
    }

    public const string Select = "SELECT p.user_id AS \"user\", p.is_superuser, p.can_manage_content FROM device_devicepermissions p";
}
