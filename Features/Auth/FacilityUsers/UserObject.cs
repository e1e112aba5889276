using Dapper;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>
/// The facility user as Kolibri sends it (<c>id, username, full_name, facility, id_number, gender, birth_year,
/// extra_demographics, date_joined, is_superuser, roles</c>, roles as <c>[{"collection", "kind", "id"}]</c> by role id),
/// written whole by the database: each user is one column of JSON, sent as it is, instead of eleven columns read one
/// value at a time into a record and serialized again (paired run at 30,000 users: one user 5 % more requests/s, a page
/// 3 %, a searched page 1 %, where the sorting of the matches dominates). A stored <c>extra_demographics</c> that is not
/// JSON is sent as null on SQLite; PostgreSQL refuses the cast, as the writer refused it before.
/// </summary>
public static class UserObject
{
    private const string SqliteJson = """
        json_object('id', u.id, 'username', u.username, 'full_name', u.full_name, 'facility', u.facility_id,
            'id_number', u.id_number, 'gender', u.gender, 'birth_year', u.birth_year,
            'extra_demographics', CASE WHEN json_valid(u.extra_demographics) THEN json(u.extra_demographics) END,
            'date_joined', u.date_joined, 'is_superuser', json(CASE WHEN dp.is_superuser THEN 'true' ELSE 'false' END),
            'roles', json((SELECT json_group_array(json_object('collection', r.collection_id, 'kind', r.kind, 'id', r.id) ORDER BY r.id)
                           FROM kolibriauth_role r WHERE r.user_id = u.id))) AS json
        """;

    // row_to_json writes compact JSON in column order, as SQLite and System.Text.Json do (json_build_object and json_agg
    // would space it; a json column is written as it is).
    private const string PostgresJson = """
        (SELECT row_to_json(o)::text FROM (
            SELECT u.id, u.username, u.full_name, u.facility_id AS facility, u.id_number, u.gender, u.birth_year,
                   u.extra_demographics::json AS extra_demographics, u.date_joined, COALESCE(dp.is_superuser, FALSE) AS is_superuser,
                   (SELECT COALESCE('[' || string_agg(format('{"collection":%s,"kind":%s,"id":%s}', to_json(r.collection_id), to_json(r.kind), to_json(r.id)),
                                                      ',' ORDER BY r.id) || ']', '[]')
                    FROM kolibriauth_role r WHERE r.user_id = u.id)::json AS roles) o) AS json
        """;

    /// <summary>The user's JSON as the column <c>json</c>, for <c>FROM kolibriauth_facilityuser u</c> with <see cref="SuperuserJoin"/>.</summary>
    public static string Json(DbConn conn) => conn.Db.IsSqlite ? SqliteJson : PostgresJson;

    public const string SuperuserJoin = "LEFT JOIN device_devicepermissions dp ON dp.user_id = u.id";

    /// <summary>Users' JSON, in the order of <paramref name="sql"/> (which selects <see cref="Json"/>).</summary>
    public static async Task<List<RawJson>> QueryAsync(DbConn conn, string sql, object args) =>
        (await conn.QueryAsync<string>(sql, args)).Select(RawJson.Trusted).ToList();

    /// <summary>One user by id, without a readability filter (after a write).</summary>
    public static async Task<RawJson> QueryOneAsync(DbConn conn, string id) =>
        RawJson.Trusted(await conn.QuerySingleAsync<string>($"SELECT {Json(conn)} FROM kolibriauth_facilityuser u {SuperuserJoin} WHERE u.id = @id", new { id }));
}
