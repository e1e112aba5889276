using Dapper;

namespace KolibriSlices.Infrastructure.Auth;

public static partial class Readable
{
    /// <summary>
    /// Memberships (alias.user_id, alias.collection_id, alias.dataset_id): one's own; all in a facility where the caller
    /// is admin or coach; those in classrooms the caller coaches and in those classrooms' groups.
    /// </summary>
    public static string Memberships(CurrentUser? user, string alias, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("readable_membership_self", user.Id);
        args.Add("readable_membership_staff", StaffFacilities(user));
        args.Add("readable_membership_coached", user.CoachedClassroomIds.ToArray());
        return $"""
            ({alias}.user_id = @readable_membership_self
             OR {alias}.dataset_id IN {StaffDatasets("readable_membership_staff")}
             OR {alias}.collection_id IN @readable_membership_coached
             OR EXISTS (SELECT 1 FROM kolibriauth_collection rmc WHERE rmc.id = {alias}.collection_id AND rmc.parent_id IN @readable_membership_coached))
            """;
    }
}
