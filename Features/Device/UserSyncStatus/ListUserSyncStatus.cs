using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.UserSyncStatus;

/// <summary>GET /api/device/usersyncstatus/: rows of readable users, filtered by <c>user</c> and <c>member_of</c> (a collection).</summary>
public static class ListUserSyncStatus
{
    private const string UserExistsSql = "SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE id = @id";
    private const string CollectionKindSql = "SELECT kind FROM kolibriauth_collection WHERE id = @id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock)
    {
        var query = new QueryParams(http.Request);
        var user = query.ModelChoice("user");
        var memberOf = query.ModelChoice("member_of");
        if (query.Errors is { } malformed) return malformed;
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        var args = new DynamicParameters();
        var where = new List<string> { Readable.UserSyncStatuses(CurrentUser.Of(http), "s", args) };
        if (user is not null)
        {
            if (await conn.ExecuteScalarAsync<long>(UserExistsSql, new { id = user }) == 0) query.ChoiceNotFound("user");
            args.Add("user", user);
            where.Add("s.user_id = @user");
        }
        if (memberOf is not null)
        {
            var kind = await conn.ExecuteScalarAsync<string?>(CollectionKindSql, new { id = memberOf });
            if (kind is null) query.ChoiceNotFound("member_of");
            args.Add("member_of", memberOf);
            where.Add(kind == "facility"
                ? "EXISTS (SELECT 1 FROM kolibriauth_facilityuser fu WHERE fu.id = s.user_id AND fu.facility_id = @member_of)"
                : "EXISTS (SELECT 1 FROM kolibriauth_membership fm WHERE fm.user_id = s.user_id AND fm.collection_id = @member_of)");
        }
        if (query.Errors is { } unknown) return unknown;

        var rows = await conn.QueryAsync<SyncStatusObject.Row>($"{SyncStatusObject.Select} WHERE {string.Join(" AND ", where)} ORDER BY s.id", args);
        return Paging.Respond(http, paging, rows.Select(r => SyncStatusObject.From(r, clock)).ToList());
    }
}
