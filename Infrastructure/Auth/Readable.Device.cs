using Dapper;

namespace KolibriSlices.Infrastructure.Auth;

public static partial class Readable
{
    /// <summary>Device permission rows: superusers only.</summary>
    public static string DevicePermissions(CurrentUser? user) => user is { IsSuperuser: true } ? "1 = 1" : "1 = 0";

    /// <summary>User sync status rows (alias.user_id): readable exactly like their user (see <see cref="Users"/>).</summary>
    public static string UserSyncStatuses(CurrentUser? user, string alias, DynamicParameters args) =>
        $"EXISTS (SELECT 1 FROM kolibriauth_facilityuser su WHERE su.id = {alias}.user_id AND {Users(user, "su", args)})";
}
