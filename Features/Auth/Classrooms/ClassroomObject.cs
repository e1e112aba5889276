using Dapper;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Classrooms;

/// <summary>
/// The classroom as Kolibri sends it: learner count and the users holding a role on it, each with at most one role:
/// the one they hold on the classroom's facility. Two queries for any number of classrooms.
/// </summary>
public static class ClassroomObject
{
    public sealed record Classroom
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Parent { get; init; }
        public required long LearnerCount { get; init; }
        public IReadOnlyList<Coach> Coaches { get; set; } = [];
    }

    public sealed record Coach
    {
        public required string Id { get; init; }
        public required string Facility { get; init; }
        public required bool IsSuperuser { get; init; }
        public required string FullName { get; init; }
        public required string Username { get; init; }
        public IReadOnlyList<FacilityRole> Roles { get; set; } = [];
    }

    public sealed record FacilityRole
    {
        public required string Kind { get; init; }
        public required string Collection { get; init; }
        public required string Id { get; init; }
    }

    private sealed record CoachRow
    {
        public required string ClassroomId { get; init; }
        public required string Id { get; init; }
        public required string Facility { get; init; }
        public required bool IsSuperuser { get; init; }
        public required string FullName { get; init; }
        public required string Username { get; init; }
        public string? FacilityRoleKind { get; init; }
        public string? FacilityRoleId { get; init; }
    }

    /// <summary>Filter with <c>c.</c> (kolibriauth_collection), e.g. <c>c.id = @id</c>.</summary>
    public static string Select(string where) => $"""
        SELECT c.id, c.name, c.parent_id AS parent,
               COALESCE((SELECT m.members FROM kolibrislices_collection_members m WHERE m.collection_id = c.id), 0) AS learner_count
        FROM kolibriauth_collection c
        WHERE c.kind = 'classroom' AND {where}
        ORDER BY c.id
        """;

    /// <summary>
    /// Each role on one of the classrooms with its user and each role that user holds on the classroom's facility. A
    /// plain join: a user with two roles on a classroom, or two on its facility, comes more than once, and
    /// <see cref="CoachesOf"/> keeps one row each (a DISTINCT and an ORDER BY here cost two temporary b-trees, 40 µs of
    /// a 50-classroom page's 180).
    /// </summary>
    private const string CoachesSql = """
        SELECT r.collection_id AS classroom_id, u.id, u.facility_id AS facility,
               COALESCE(dp.is_superuser, FALSE) AS is_superuser, u.full_name, u.username,
               fr.kind AS facility_role_kind, fr.id AS facility_role_id
        FROM kolibriauth_role r
        JOIN kolibriauth_collection c ON c.id = r.collection_id
        JOIN kolibriauth_facilityuser u ON u.id = r.user_id
        LEFT JOIN device_devicepermissions dp ON dp.user_id = u.id
        LEFT JOIN kolibriauth_role fr ON fr.user_id = u.id AND fr.collection_id = c.parent_id
        WHERE r.collection_id IN @ids
        """;

    /// <summary>
    /// How many classrooms match <paramref name="where"/>: with no condition, or only <c>c.parent_id = @parent</c>, from
    /// the per-facility counts (migration M0106); otherwise counted.
    /// </summary>
    public static Task<long> CountAsync(DbConn conn, IReadOnlyList<string> where, object args) => conn.ExecuteScalarAsync<long>(where switch
    {
        [] => "SELECT CAST(COALESCE(SUM(classrooms), 0) AS BIGINT) FROM kolibrislices_facility_classrooms",
        [ParentCondition] => "SELECT CAST(COALESCE(SUM(classrooms), 0) AS BIGINT) FROM kolibrislices_facility_classrooms WHERE facility_id = @parent",
        _ => $"SELECT COUNT(*) FROM kolibriauth_collection c WHERE c.kind = 'classroom' AND {string.Join(" AND ", where)}",
    }, args);

    public const string ParentCondition = "c.parent_id = @parent";

    /// <summary>The classrooms matching <paramref name="where"/>, all of them or one page (LIMIT in SQL).</summary>
    public static async Task<IReadOnlyList<Classroom>> QueryAsync(DbConn conn, string where, object args, Paging? page = null)
    {
        var parameters = new DynamicParameters(args);
        var sql = Select(where);
        if (page is not null)
        {
            sql += "\nLIMIT @page_limit OFFSET @page_offset";
            parameters.Add("page_limit", page.Size);
            parameters.Add("page_offset", page.Offset);
        }
        var classrooms = (await conn.QueryAsync<Classroom>(sql, parameters)).ToList();
        if (classrooms.Count == 0) return classrooms;
        var coaches = (await conn.QueryAsync<CoachRow>(CoachesSql, new { ids = classrooms.Select(c => c.Id).ToArray() })).ToLookup(c => c.ClassroomId);
        foreach (var classroom in classrooms)
            classroom.Coaches = CoachesOf(classroom, coaches[classroom.Id]);
        return classrooms;
    }

    /// <summary>One entry per user, ordered by id, with the first (by kind) of their roles on the classroom's facility.</summary>
    private static List<Coach> CoachesOf(Classroom classroom, IEnumerable<CoachRow> rows) =>
        rows.GroupBy(row => row.Id)
            .OrderBy(user => user.Key, StringComparer.Ordinal)
            .Select(user =>
            {
                var c = user.First();
                var role = user.Where(row => row.FacilityRoleId is not null).MinBy(row => row.FacilityRoleKind, StringComparer.Ordinal);
                return new Coach
                {
                    Id = c.Id, Facility = c.Facility, IsSuperuser = c.IsSuperuser, FullName = c.FullName, Username = c.Username,
                    Roles = role is null ? [] : [new FacilityRole { Kind = role.FacilityRoleKind!, Collection = classroom.Parent, Id = role.FacilityRoleId! }],
                };
            })
            .ToList();

    public static async Task<Classroom?> OneAsync(DbConn conn, string id) =>
        (await QueryAsync(conn, "c.id = @id", new { id })).FirstOrDefault();
}
