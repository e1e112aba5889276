using Dapper;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsernames;

/// <summary>
/// GET /api/auth/facilityusername/: <c>{"username"}</c> of every learner who may sign in without a password (their
/// facility allows it, no roles, not a superuser); <c>facility</c> filter, <c>search</c> as a case-insensitive prefix.
/// </summary>
public static class ListFacilityUsernames
{

    public sealed record Item
    {
        public required string Username { get; init; }
    }

    /// <summary>The users listed, for <c>FROM kolibriauth_facilityuser u</c>.</summary>
    public const string Passwordless = """
        u.dataset_id IN (SELECT d.id FROM kolibriauth_facilitydataset d WHERE d.learner_can_login_with_no_password = TRUE)
        AND NOT EXISTS (SELECT 1 FROM kolibriauth_role r WHERE r.user_id = u.id)
        AND NOT EXISTS (SELECT 1 FROM device_devicepermissions p WHERE p.user_id = u.id AND p.is_superuser = TRUE)
        """;

    private const string FacilityExistsSql = "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @id AND kind = 'facility'";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var query = new QueryParams(http.Request);
        var facility = query.ModelChoice("facility");
        if (query.Errors is { } badFilter) return badFilter;
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (facility is not null && await conn.ExecuteScalarAsync<long>(FacilityExistsSql, new { id = facility }) == 0)
        {
            query.ChoiceNotFound("facility");
            return query.Errors!;
        }
        var args = new DynamicParameters(new { facility });
        var search = Search.Where(Search.Terms(http.Request), ["u.username"], args, prefix: true);
        var names = (await conn.QueryAsync<Item>($"""
            SELECT u.username FROM kolibriauth_facilityuser u
            WHERE {Passwordless} AND (@facility IS NULL OR u.facility_id = @facility) AND {search}
            ORDER BY u.username COLLATE "BINARY", u.id
            """, args)).ToList();
        return Paging.Respond(http, paging, names);
    }
}
