using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Roles;

/// <summary>GET /api/auth/role/: readable roles, filtered by <c>user</c>, <c>collection</c>, <c>kind</c>, <c>user_ids</c>.</summary>
public static class ListRoles
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var args = new DynamicParameters();
        var (where, _, error) = await RoleRows.FiltersAsync(http.Request, conn, args);
        if (error is not null) return error;
        where.Add(Readable.Roles(CurrentUser.Of(http), "r", args));
        var rows = await conn.QueryAsync<RoleRows.Role>(
            $"SELECT {RoleRows.Columns} FROM kolibriauth_role r WHERE {string.Join(" AND ", where)} ORDER BY r.id", args);
        return Paging.Respond(http, paging, rows.ToList());
    }
}
