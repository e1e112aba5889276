using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Roles;

/// <summary>
/// What every role operation shares: the wire object, the filters (<c>user</c>, <c>collection</c>, <c>kind</c>,
/// <c>user_ids</c>), which kinds a collection accepts, and the side effects of Kolibri's role model.
/// </summary>
public static class RoleRows
{
    public static readonly string[] Kinds = [CurrentUser.Admin, CurrentUser.Coach, CurrentUser.AssignableCoach];

    public sealed record Role
    {
        public required string Id { get; init; }
        public required string Kind { get; init; }
        public required string Collection { get; init; }
        public required string User { get; init; }
    }

    public sealed record Stored
    {
        public required string Id { get; init; }
        public required string Kind { get; init; }
        public required string CollectionId { get; init; }
        public required string UserId { get; init; }
        public required string UserFacilityId { get; init; }
    }

    public const string Columns = "r.id, r.kind, r.collection_id AS collection, r.user_id AS \"user\"";

    public const string StoredSql = """
        SELECT r.id, r.kind, r.collection_id, r.user_id, u.facility_id AS user_facility_id
        FROM kolibriauth_role r JOIN kolibriauth_facilityuser u ON u.id = r.user_id
        """;

    private const string UserExistsSql = "SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE id = @id";
    private const string CollectionExistsSql = "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @id";

    private const string DropClassCoachingSql = """
        DELETE FROM kolibriauth_role
        WHERE user_id = @userId AND kind = 'coach'
          AND collection_id IN (SELECT c.id FROM kolibriauth_collection c WHERE c.parent_id = @facilityId AND c.kind = 'classroom')
        """;

    public static async Task<(List<string> Where, bool Any, IResult? Error)> FiltersAsync(HttpRequest request, DbConn conn, DynamicParameters args)
    {
        var query = new QueryParams(request);
        var user = query.ModelChoice("user");
        var collection = query.ModelChoice("collection");
        var kind = query.Choice("kind", Kinds);
        var userIds = query.IdList("user_ids");
        if (query.Errors is { } malformed) return ([], false, malformed);
        if (user is not null && await conn.ExecuteScalarAsync<long>(UserExistsSql, new { id = user }) == 0) query.ChoiceNotFound("user");
        if (collection is not null && await conn.ExecuteScalarAsync<long>(CollectionExistsSql, new { id = collection }) == 0) query.ChoiceNotFound("collection");
        if (query.Errors is { } unknown) return ([], false, unknown);

        var where = new List<string>();
        if (user is not null) { args.Add("filter_user", user); where.Add("r.user_id = @filter_user"); }
        if (collection is not null) { args.Add("filter_collection", collection); where.Add("r.collection_id = @filter_collection"); }
        if (kind is not null) { args.Add("filter_kind", kind); where.Add("r.kind = @filter_kind"); }
        if (userIds is not null) { args.Add("filter_user_ids", userIds); where.Add("r.user_id IN @filter_user_ids"); }
        return (where, where.Count > 0, null);
    }

    /// <summary>
    /// Kolibri's model rule as a 400 (Kolibri answers 500): classrooms take only <c>coach</c>, groups take no roles.
    /// Null when <paramref name="kind"/> fits.
    /// </summary>
    public static string? KindError(string kind, CollectionPlace collection) => collection.Kind switch
    {
        Writable.Facility => null,
        Writable.Classroom when kind == CurrentUser.Coach => null,
        Writable.Classroom => $"A classroom only takes the \"coach\" role, not \"{kind}\".",
        _ => "Roles can only be given on a facility or a classroom.",
    };

    /// <summary>Removing someone's facility-level assignable-coach role also removes their coaching of its classrooms.</summary>
    public static async Task AfterDeleteAsync(DbConn conn, Stored role, CollectionPlace collection)
    {
        if (role.Kind == CurrentUser.AssignableCoach && collection.Kind == Writable.Facility)
            await conn.ExecuteAsync(DropClassCoachingSql, new { userId = role.UserId, facilityId = collection.Id });
    }
}
