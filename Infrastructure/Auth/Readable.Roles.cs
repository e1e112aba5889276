using Dapper;

namespace KolibriSlices.Infrastructure.Auth;

public static partial class Readable
{
    /// <summary>Roles (alias.user_id, alias.collection_id, alias.dataset_id): one's own; all in a staff facility; those on coached classrooms.</summary>
    public static string Roles(CurrentUser? user, string alias, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("readable_role_self", user.Id);
        args.Add("readable_role_staff", StaffFacilities(user));
        args.Add("readable_role_coached", user.CoachedClassroomIds.ToArray());
        return $"""
            ({alias}.user_id = @readable_role_self
             OR {alias}.dataset_id IN {StaffDatasets("readable_role_staff")}
             OR {alias}.collection_id IN @readable_role_coached)
            """;
    }
}
