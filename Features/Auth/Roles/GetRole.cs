using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Roles;

/// <summary>GET /api/auth/role/&lt;id&gt;/: one role, 404 unless the caller may read it.</summary>
public static class GetRole
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } roleId) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = roleId });
        var readable = Readable.Roles(CurrentUser.Of(http), "r", args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<RoleRows.Role>(
            $"SELECT {RoleRows.Columns} FROM kolibriauth_role r WHERE r.id = @id AND {readable}", args);
        return row is null ? KolibriErrors.NotFound(http) : Results.Json(row);
    }
}
