using Dapper;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>
/// The facility user as Kolibri sends it, from one query: the database writes each user's <c>roles</c> as a JSON array
/// (<c>[{"collection", "kind", "id"}]</c>, by role id), sent as-is. A page of 50 users with two roles each read 100
/// role rows of four columns through a second query before; a sixth of that request's CPU went to reading them.
/// </summary>
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
        public required RawJson Roles { get; init; }
    }

    private const string SelectedColumns = """
        u.id, u.username, u.full_name, u.facility_id AS facility, u.id_number, u.gender, u.birth_year,
        u.extra_demographics, u.date_joined, COALESCE(dp.is_superuser, FALSE) AS is_superuser
        """;

    private const string SqliteRoles = """
        (SELECT json_group_array(json_object('collection', r.collection_id, 'kind', r.kind, 'id', r.id) ORDER BY r.id)
         FROM kolibriauth_role r WHERE r.user_id = u.id) AS roles
        """;

    // json_build_object would space its output ("key" : value); this writes what SQLite and System.Text.Json write.
    private const string PostgresRoles = """
        (SELECT COALESCE('[' || string_agg(format('{"collection":%s,"kind":%s,"id":%s}', to_json(r.collection_id), to_json(r.kind), to_json(r.id)),
                                           ',' ORDER BY r.id) || ']', '[]')
         FROM kolibriauth_role r WHERE r.user_id = u.id) AS roles
        """;

    private const string SqliteColumns = $"{SelectedColumns},\n{SqliteRoles}";
    private const string PostgresColumns = $"{SelectedColumns},\n{PostgresRoles}";

    /// <summary>The selected columns, for <c>FROM kolibriauth_facilityuser u</c> with <see cref="SuperuserJoin"/>.</summary>
    public static string Columns(DbConn conn) => conn.Db.IsSqlite ? SqliteColumns : PostgresColumns;

    public const string SuperuserJoin = "LEFT JOIN device_devicepermissions dp ON dp.user_id = u.id";

    /// <summary>One user by id, without a readability filter (after a write).</summary>
    public static Task<User> QueryOneAsync(DbConn conn, string id) =>
        conn.QuerySingleAsync<User>($"SELECT {Columns(conn)} FROM kolibriauth_facilityuser u {SuperuserJoin} WHERE u.id = @id", new { id });
}
