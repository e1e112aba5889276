using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Roles;

/// <summary>DELETE /api/auth/role/&lt;id&gt;/: the facility's admin (their own admin role included) or a superuser.</summary>
public static class DeleteRole
{
    private const string Sql = "DELETE FROM kolibriauth_role WHERE id = @id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } roleId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<RoleRows.Stored>(RoleRows.StoredSql + " WHERE r.id = @id", new { id = roleId });
        if (row is null) return KolibriErrors.NotFound(http);
        var place = (await Writable.PlaceAsync(conn, row.CollectionId))!;
        if (!Writable.CanDeleteRole(CurrentUser.Of(http), place.FacilityId)) return KolibriErrors.Forbidden(http);
        await conn.ExecuteAsync(Sql, new { id = row.Id });
        await RoleRows.AfterDeleteAsync(conn, row, place);
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
