using Dapper;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Classrooms;

/// <summary>
/// The classroom as Kolibri sends it: learner count and the users holding a role on it, each with at most one role:
/// the one they hold on the classroom's facility. Three queries for any number of classrooms.
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
    }

    private sealed record FacilityRoleRow
    {
        public required string UserId { get; init; }
        public required string Kind { get; init; }
        public required string Collection { get; init; }
        public required string Id { get; init; }
    }

    /// <summary>Filter with <c>c.</c> (kolibriauth_collection), e.g. <c>c.id = @id</c>.</summary>
    public static string Select(string where) => $"""
        SELECT c.id, c.name, c.parent_id AS parent,
               (SELECT COUNT(*) FROM kolibriauth_membership m WHERE m.collection_id = c.id) AS learner_count
        FROM kolibriauth_collection c
        WHERE c.kind = 'classroom' AND {where}
        ORDER BY c.id
        """;

    private const string CoachesSql = """
        SELECT DISTINCT r.collection_id AS classroom_id, u.id, u.facility_id AS facility,
               COALESCE(dp.is_superuser, FALSE) AS is_superuser, u.full_name, u.username
        FROM kolibriauth_role r
        JOIN kolibriauth_facilityuser u ON u.id = r.user_id
        LEFT JOIN device_devicepermissions dp ON dp.user_id = u.id
        WHERE r.collection_id IN @ids
        ORDER BY u.id
        """;

    private const string FacilityRolesSql = """
        SELECT r.user_id, r.kind, r.collection_id AS collection, r.id
        FROM kolibriauth_role r
        JOIN kolibriauth_collection f ON f.id = r.collection_id AND f.kind = 'facility'
        WHERE r.user_id IN @ids
        ORDER BY r.kind, r.id
        """;

    public static Task<long> CountAsync(DbConn conn, string where, object args) =>
        conn.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM kolibriauth_collection c WHERE c.kind = 'classroom' AND {where}", args);

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
        var coaches = (await conn.QueryAsync<CoachRow>(CoachesSql, new { ids = classrooms.Select(c => c.Id).ToArray() })).ToList();
        var facilityRoles = coaches.Count == 0 ? [] : (await conn.QueryAsync<FacilityRoleRow>(FacilityRolesSql,
            new { ids = coaches.Select(c => c.Id).Distinct().ToArray() })).ToList();
        var byClassroom = coaches.ToLookup(c => c.ClassroomId);
        var rolesByUser = facilityRoles.ToLookup(r => r.UserId);
        foreach (var classroom in classrooms)
            classroom.Coaches = byClassroom[classroom.Id].Select(c => new Coach
            {
                Id = c.Id, Facility = c.Facility, IsSuperuser = c.IsSuperuser, FullName = c.FullName, Username = c.Username,
                Roles = rolesByUser[c.Id].Where(r => r.Collection == classroom.Parent).Take(1)
                    .Select(r => new FacilityRole { Kind = r.Kind, Collection = r.Collection, Id = r.Id }).ToList(),
            }).ToList();
        return classrooms;
    }

    public static async Task<Classroom?> OneAsync(DbConn conn, string id) =>
        (await QueryAsync(conn, "c.id = @id", new { id })).FirstOrDefault();
}
