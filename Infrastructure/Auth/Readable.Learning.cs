using Dapper;

namespace KolibriSlices.Infrastructure.Auth;

public static partial class Readable
{
    /// <summary>
    /// Progress logs (alias.user_id): the owner's own, and those of users the caller is admin or coach for; anonymous
    /// logs (null user) are nobody's to read.
    /// </summary>
    public static string Logs(CurrentUser? user, string alias, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return $"{alias}.user_id IS NOT NULL";
        return $"{alias}.user_id IN (SELECT lu.id FROM kolibriauth_facilityuser lu WHERE {Users(user, "lu", args)})";
    }

    /// <summary>
    /// Lessons and quizzes (alias.collection_id is a classroom): admin or coach for that classroom, directly or through a
    /// facility role; everything for a superuser; nothing for learners and anonymous callers.
    /// </summary>
    public static string CoachedClassrooms(CurrentUser? user, string alias, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("coached_staff_facilities", StaffFacilities(user));
        args.Add("coached_classrooms", ClassroomRoles(user));
        return $"""
            ({alias}.collection_id IN @coached_classrooms
             OR EXISTS (SELECT 1 FROM kolibriauth_collection cc WHERE cc.id = {alias}.collection_id AND cc.parent_id IN @coached_staff_facilities))
            """;
    }

    /// <summary>Classrooms on which the caller holds an admin or coach role directly.</summary>
    public static string[] ClassroomRoles(CurrentUser user) =>
        user.Roles.Where(r => r.Kind is CurrentUser.Admin or CurrentUser.Coach && r.CollectionKind == "classroom")
            .Select(r => r.CollectionId).Distinct().ToArray();

    /// <summary>Admin or coach for a classroom (or for a group through its classroom) of the given facility.</summary>
    public static bool CoachesCollection(CurrentUser? user, string classroomId, string facilityId) =>
        user is not null && (user.IsFacilityStaffOf(facilityId) || ClassroomRoles(user).Contains(classroomId));

    /// <summary>The caller is a member of one of the collections assigned to alias.id in the given assignment table.</summary>
    public static string AssignedToCaller(string assignmentTable, string foreignKey, string alias) => $"""
        EXISTS (SELECT 1 FROM {assignmentTable} aa JOIN kolibriauth_membership am ON am.collection_id = aa.collection_id
                WHERE aa.{foreignKey} = {alias}.id AND am.user_id = @caller_id)
        """;
}
