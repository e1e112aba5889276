using Dapper;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Memberships;

/// <summary>
/// What every membership operation shares: the wire object, the filters (<c>user</c>, <c>collection</c>, <c>user_ids</c>)
/// and the rule that leaving a classroom also means leaving its groups.
/// </summary>
public static class MembershipRows
{
    public sealed record Membership
    {
        public required string Id { get; init; }
        public required string Collection { get; init; }
        public required string User { get; init; }
    }

    /// <summary>A membership with its user's facility, for permission checks.</summary>
    public sealed record Stored
    {
        public required string Id { get; init; }
        public required string CollectionId { get; init; }
        public required string UserId { get; init; }
        public required string UserFacilityId { get; init; }
    }

    public const string Columns = "m.id, m.collection_id AS collection, m.user_id AS \"user\"";

    public const string StoredSql = """
        SELECT m.id, m.collection_id, m.user_id, u.facility_id AS user_facility_id
        FROM kolibriauth_membership m JOIN kolibriauth_facilityuser u ON u.id = m.user_id
        """;

    private const string UserExistsSql = "SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE id = @id";
    private const string CollectionExistsSql = "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @id";

    private const string LeaveGroupsSql = """
        DELETE FROM kolibriauth_membership
        WHERE user_id = @userId AND collection_id IN (SELECT g.id FROM kolibriauth_collection g WHERE g.parent_id = @classroomId)
        """;

    /// <summary>
    /// Reads the filters into SQL conditions on <c>m.</c>; null conditions (with <paramref name="any"/> false) when none
    /// was given; a 400 for malformed or unknown ids.
    /// </summary>
    public static async Task<(List<string> Where, bool Any, IResult? Error)> FiltersAsync(HttpRequest request, DbConn conn, DynamicParameters args)
    {
        var query = new QueryParams(request);
        var user = query.ModelChoice("user");
        var collection = query.ModelChoice("collection");
        var userIds = query.IdList("user_ids");
        if (query.Errors is { } malformed) return ([], false, malformed);
        if (user is not null && await conn.ExecuteScalarAsync<long>(UserExistsSql, new { id = user }) == 0) query.ChoiceNotFound("user");
        if (collection is not null && await conn.ExecuteScalarAsync<long>(CollectionExistsSql, new { id = collection }) == 0) query.ChoiceNotFound("collection");
        if (query.Errors is { } unknown) return ([], false, unknown);

        var where = new List<string>();
        if (user is not null) { args.Add("filter_user", user); where.Add("m.user_id = @filter_user"); }
        if (collection is not null) { args.Add("filter_collection", collection); where.Add("m.collection_id = @filter_collection"); }
        if (userIds is not null) { args.Add("filter_user_ids", userIds); where.Add("m.user_id IN @filter_user_ids"); }
        return (where, where.Count > 0, null);
    }

    /// <summary>Leaving a classroom means leaving its groups too (call after deleting or moving a classroom membership).</summary>
    public static Task LeaveGroupsAsync(DbConn conn, string userId, string classroomId) =>
        conn.ExecuteAsync(LeaveGroupsSql, new { userId, classroomId });
}
