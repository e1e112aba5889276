using Dapper;

namespace KolibriSlices.Infrastructure.Auth;

public static partial class Readable
{
    /// <summary>Classrooms (alias.id, alias.parent_id): all of a facility where the caller is admin or coach, and the ones they coach.</summary>
    public static string Classrooms(CurrentUser? user, string alias, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("readable_classroom_staff", StaffFacilities(user));
        args.Add("readable_classroom_coached", user.CoachedClassroomIds.ToArray());
        return $"({alias}.parent_id IN @readable_classroom_staff OR {alias}.id IN @readable_classroom_coached)";
    }
}
