using Dapper;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>
/// "Rows this user may read" as SQL conditions, so lists filter in the database instead of checking row by row.
/// Each takes the alias of the table it filters and adds its parameters to <paramref name="args"/>.
/// </summary>
public static partial class Readable
{
    /// <summary>
    /// Facility users (alias.id, alias.facility_id): self; every user of a facility where the caller is admin or coach;
    /// members of classrooms (or their groups) the caller coaches; everyone for a superuser; nobody for anonymous.
    /// </summary>
    public static string Users(CurrentUser? user, string alias, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("readable_self", user.Id);
        args.Add("readable_staff_facilities", StaffFacilities(user));
        args.Add("readable_coached_classrooms", user.CoachedClassroomIds.ToArray());
        return $"""
            ({alias}.id = @readable_self
             OR {alias}.facility_id IN @readable_staff_facilities
             OR EXISTS (SELECT 1 FROM kolibriauth_membership rm
                        JOIN kolibriauth_collection rc ON rc.id = rm.collection_id
                        WHERE rm.user_id = {alias}.id
                          AND (rm.collection_id IN @readable_coached_classrooms OR rc.parent_id IN @readable_coached_classrooms)))
            """;
    }

    /// <summary>
    /// Whether the caller reads every user and classroom on the device: a superuser, or admin or coach of every
    /// facility (a school server usually has one). Lists then need no per-row condition, and counting them is
    /// counting the table.
    /// </summary>
    public static async Task<bool> ReadsWholeDeviceAsync(DbConn conn, CurrentUser? user)
    {
        if (user is null) return false;
        if (user.IsSuperuser) return true;
        var staff = StaffFacilities(user);
        return staff.Length > 0 && await conn.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM kolibriauth_collection WHERE kind = 'facility' AND id NOT IN @staff", new { staff }) == 0;
    }

    /// <summary>Facilities where the caller is admin or facility coach.</summary>
    public static string[] StaffFacilities(CurrentUser user) =>
        user.Roles.Where(r => r.Kind is CurrentUser.Admin or CurrentUser.Coach && r.CollectionKind == "facility")
            .Select(r => r.CollectionId).Distinct().ToArray();
}
