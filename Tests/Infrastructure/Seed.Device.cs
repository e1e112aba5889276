namespace KolibriSlices.Tests.Infrastructure;

public sealed partial class Seed
{
    /// <summary>A user of facility F with only the can_manage_content device permission; logs in with the standard password.</summary>
    public async Task<string> ContentManagerAsync(string username)
    {
        var id = await UserAsync(null, username, Known.Facility);
        await DevicePermissionsAsync(id, superuser: false, canManageContent: true);
        return id;
    }

    public Task SyncStatusAsync(string userId, string status, string updated) =>
        ExecAsync("INSERT INTO device_usersyncstatus (user_id, status, updated) VALUES (@userId, @status, @updated)",
            new { userId, status, updated });
}
