using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>A collection with where it sits: its facility, and its classroom (itself, or a group's parent).</summary>
public sealed record CollectionPlace
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public string? ParentId { get; init; }
    public required string DatasetId { get; init; }
    public required string FacilityId { get; init; }
    public string? ClassroomId { get; init; }
}

/// <summary>
/// Who may create, change or delete classrooms, groups, memberships and roles (Kolibri's role-based write rules).
/// Reads are <see cref="Readable"/>'s job; these answer for one row at a time.
/// </summary>
public static class Writable
{
    public const string Facility = "facility";
    public const string Classroom = "classroom";
    public const string LearnerGroup = "learnergroup";
    public const string AdHocGroup = "adhoclearnersgroup";

    private const string PlacesSql = """
        SELECT c.id, c.kind, c.parent_id, c.dataset_id,
               CASE WHEN c.kind = 'facility' THEN c.id WHEN p.kind = 'facility' THEN p.id ELSE p.parent_id END AS facility_id,
               CASE WHEN c.kind = 'classroom' THEN c.id WHEN p.kind = 'classroom' THEN p.id ELSE NULL END AS classroom_id
        FROM kolibriauth_collection c
        LEFT JOIN kolibriauth_collection p ON p.id = c.parent_id
        WHERE c.id IN @ids
        """;

    public static async Task<Dictionary<string, CollectionPlace>> PlacesAsync(DbConn conn, IEnumerable<string> ids)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0) return [];
        return (await conn.QueryAsync<CollectionPlace>(PlacesSql, new { ids = distinct })).ToDictionary(p => p.Id);
    }

    public static async Task<CollectionPlace?> PlaceAsync(DbConn conn, string id) =>
        (await PlacesAsync(conn, [id])).GetValueOrDefault(id);

    /// <summary>Create, rename or delete a classroom: the facility's admin, or a superuser.</summary>
    public static bool CanManageClassroom(CurrentUser? user, string facilityId) => user is not null && user.IsAdminOf(facilityId);

    /// <summary>
    /// Create, rename or delete a learner group under <paramref name="parent"/>: admin or coach of its facility, coach of
    /// its classroom, or a superuser.
    /// </summary>
    public static bool CanManageGroup(CurrentUser? user, CollectionPlace parent) =>
        user is not null && (user.IsFacilityStaffOf(parent.FacilityId)
                             || parent.ClassroomId is { } classroom && user.CoachedClassroomIds.Contains(classroom));

    /// <summary>
    /// Add or remove a membership of a user of <paramref name="userFacilityId"/> in <paramref name="collection"/>:
    /// never across facilities; the facility's admin or a superuser; a coach of the classroom only for group memberships
    /// (<paramref name="inClassroom"/>: the user is a member of the group's classroom, required for adding).
    /// </summary>
    public static bool CanWriteMembership(CurrentUser? user, string userFacilityId, CollectionPlace collection, bool inClassroom)
    {
        if (user is null || userFacilityId != collection.FacilityId) return false;
        if (user.IsAdminOf(collection.FacilityId)) return true;
        return collection.Kind is LearnerGroup or AdHocGroup && inClassroom && collection.ClassroomId is { } classroom
               && user.CoachesClassroom(classroom, collection.FacilityId);
    }

    /// <summary>Give a role on <paramref name="collection"/> to a user of <paramref name="userFacilityId"/>: the facility's admin or a superuser.</summary>
    public static bool CanCreateRole(CurrentUser? user, string userFacilityId, CollectionPlace collection) =>
        user is not null && userFacilityId == collection.FacilityId && user.IsAdminOf(collection.FacilityId);

    /// <summary>Remove a role: the facility's admin (their own admin role included) or a superuser.</summary>
    public static bool CanDeleteRole(CurrentUser? user, string facilityId) => user is not null && user.IsAdminOf(facilityId);

    /// <summary>Change a membership or role row in place: superusers only.</summary>
    public static bool CanUpdateMembershipOrRole(CurrentUser? user) => user is { IsSuperuser: true };
}
