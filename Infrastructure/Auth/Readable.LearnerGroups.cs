using Dapper;

namespace KolibriSlices.Infrastructure.Auth;

public static partial class Readable
{
    /// <summary>Learner groups (alias.parent_id = classroom): readable by whoever may read the parent classroom; not by members.</summary>
    public static string LearnerGroups(CurrentUser? user, string alias, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("readable_group_staff", StaffFacilities(user));
        args.Add("readable_group_coached", user.CoachedClassroomIds.ToArray());
        return $"""
            ({alias}.parent_id IN @readable_group_coached
             OR EXISTS (SELECT 1 FROM kolibriauth_collection rgp WHERE rgp.id = {alias}.parent_id AND rgp.parent_id IN @readable_group_staff))
            """;
    }

    /// <summary>Datasets of the facilities where the caller is admin or coach (every facility-scoped row carries its dataset).</summary>
    private static string StaffDatasets(string parameter) =>
        $"(SELECT sd.dataset_id FROM kolibriauth_collection sd WHERE sd.id IN @{parameter})";
}
