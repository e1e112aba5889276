namespace KolibriSlices.Infrastructure.Auth;

public sealed record RoleRow
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string CollectionId { get; init; }
    public required string CollectionKind { get; init; }
    /// <summary>The facility the role's collection belongs to (the collection itself for a facility role).</summary>
    public required string FacilityId { get; init; }
}

/// <summary>
/// The logged-in user of this request, with device permissions and every role, loaded once per request from the
/// session cookie. Null (see <see cref="Of"/>) means anonymous. Permission checks start here.
/// </summary>
public sealed class CurrentUser
{
    public const string Admin = "admin";
    public const string Coach = "coach";
    public const string AssignableCoach = "classroom assignable coach";
    private static readonly object ItemKey = new();

    public required string SessionKey { get; init; }
    /// <summary>When the session ends unless renewed (UNIX seconds).</summary>
    public required long SessionExpiresAt { get; init; }
    public required string Id { get; init; }
    public required string Username { get; init; }
    public required string FullName { get; init; }
    public required string FacilityId { get; init; }
    public required string DatasetId { get; init; }
    public required bool IsSuperuser { get; init; }
    public required bool CanManageContentFlag { get; init; }
    public required IReadOnlyList<RoleRow> Roles { get; init; }

    public bool CanManageContent => IsSuperuser || CanManageContentFlag;

    public static CurrentUser? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var user) ? user as CurrentUser : null;

    public static void Set(HttpContext http, CurrentUser? user) => http.Items[ItemKey] = user;

    /// <summary>The session's <c>kind</c>: distinct role kinds, superuser first, or ["learner"].</summary>
    public IReadOnlyList<string> Kinds
    {
        get
        {
            var kinds = Roles.Select(r => r.Kind).Distinct().ToList();
            if (IsSuperuser) kinds.Insert(0, "superuser");
            return kinds.Count == 0 ? ["learner"] : kinds;
        }
    }

    public bool IsLearnerOnly => !IsSuperuser && Roles.Count == 0;

    /// <summary>Facility admin of that facility, or superuser.</summary>
    public bool IsAdminOf(string facilityId) =>
        IsSuperuser || Roles.Any(r => r.Kind == Admin && r.CollectionKind == "facility" && r.CollectionId == facilityId);

    /// <summary>Admin or coach on the facility itself (sees everything in it).</summary>
    public bool IsFacilityStaffOf(string facilityId) =>
        IsSuperuser || Roles.Any(r => r.Kind is Admin or Coach && r.CollectionKind == "facility" && r.CollectionId == facilityId);

    public bool IsFacilityCoachOf(string facilityId) =>
        Roles.Any(r => r.Kind == Coach && r.CollectionKind == "facility" && r.CollectionId == facilityId);

    /// <summary>Classrooms this user coaches directly (a <c>coach</c> role on the classroom).</summary>
    public IEnumerable<string> CoachedClassroomIds =>
        Roles.Where(r => r.Kind == Coach && r.CollectionKind == "classroom").Select(r => r.CollectionId);

    /// <summary>May coach the classroom: superuser, facility admin/coach, or its class coach.</summary>
    public bool CoachesClassroom(string classroomId, string facilityId) =>
        IsFacilityStaffOf(facilityId) || CoachedClassroomIds.Contains(classroomId);

    /// <summary>Any coaching or admin role at all (a "coach" in the UI sense).</summary>
    public bool IsAnyCoach => IsSuperuser || Roles.Any(r => r.Kind is Admin or Coach);
}
