using Dapper;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>The facility user as Kolibri sends it. Rows come from one query; their roles from one more.</summary>
public static class UserObject
{
    public sealed record User
    {
        public required string Id { get; init; }
        public required string Username { get; init; }
        public required string FullName { get; init; }
        public required string Facility { get; init; }
        public required string IdNumber { get; init; }
        public required string Gender { get; init; }
        public required string BirthYear { get; init; }
        public RawJson? ExtraDemographics { get; init; }
        public required string DateJoined { get; init; }
        public required bool IsSuperuser { get; init; }
        public IReadOnlyList<Role> Roles { get; set; } = [];
    }

    public sealed record Role
    {
        public required string Collection { get; init; }
        public required string Kind { get; init; }
        public required string Id { get; init; }
    }

    private sealed record UserRole
    {
        public required string UserId { get; init; }
        public required string Collection { get; init; }
        public required string Kind { get; init; }
        public required string Id { get; init; }
    }

    /// <summary>The selected columns, for <c>FROM kolibriauth_facilityuser u</c>.</summary>
    public const string Columns = """
        u.id, u.username, u.full_name, u.facility_id AS facility, u.id_number, u.gender, u.birth_year,
        u.extra_demographics, u.date_joined, COALESCE(dp.is_superuser, FALSE) AS is_superuser
        """;

    public const string SuperuserJoin = "LEFT JOIN device_devicepermissions dp ON dp.user_id = u.id";

    private const string RolesSql = """
        SELECT r.user_id, r.collection_id AS collection, r.kind, r.id
        FROM kolibriauth_role r WHERE r.user_id IN @ids ORDER BY r.id
        """;

    /// <summary>One user by id, without a readability filter (after a write).</summary>
    public static async Task<User> QueryOneAsync(DbConn conn, string id)
    {
        var user = await conn.QuerySingleAsync<User>($"SELECT {Columns} FROM kolibriauth_facilityuser u {SuperuserJoin} WHERE u.id = @id", new { id });
        return (await WithRolesAsync(conn, [user]))[0];
    }

    /// <summary>Fills every user's <c>roles</c> with one query.</summary>
    public static async Task<IReadOnlyList<User>> WithRolesAsync(DbConn conn, IReadOnlyList<User> users)
    {
        if (users.Count == 0) return users;
        var roles = (await conn.QueryAsync<UserRole>(RolesSql, new { ids = users.Select(u => u.Id).ToArray() }))
            .ToLookup(r => r.UserId, r => new Role { Collection = r.Collection, Kind = r.Kind, Id = r.Id });
        foreach (var user in users) user.Roles = roles[user.Id].ToList();
        return users;
    }
}
