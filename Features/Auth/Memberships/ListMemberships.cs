using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Memberships;

/// <summary>GET /api/auth/membership/: readable memberships, filtered by <c>user</c>, <c>collection</c>, <c>user_ids</c>.</summary>
public static class ListMemberships
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var args = new DynamicParameters();
        var (where, _, error) = await MembershipRows.FiltersAsync(http.Request, conn, args);
        if (error is not null) return error;
        where.Add(Readable.Memberships(CurrentUser.Of(http), "m", args));
        var rows = await conn.QueryAsync<MembershipRows.Membership>(
            $"SELECT {MembershipRows.Columns} FROM kolibriauth_membership m WHERE {string.Join(" AND ", where)} ORDER BY m.id", args);
        return Paging.Respond(http, paging, rows.ToList());
    }
}
