using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Roles;

/// <summary>
/// DELETE /api/auth/role/?user=&amp;collection=&amp;kind=&amp;user_ids=: deletes every matching role. Kolibri checks
/// nothing here; we require delete permission on every matched row and delete nothing (403) if one fails.
/// No filter is a 400 with an empty body.
/// </summary>
public static class BulkDeleteRoles
{
    private const string DeleteSql = "DELETE FROM kolibriauth_role WHERE id IN @ids";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var args = new DynamicParameters();
        var (where, any, error) = await RoleRows.FiltersAsync(http.Request, conn, args);
        if (error is not null) return error;
        if (!any) return Results.StatusCode(400);

        var rows = (await conn.QueryAsync<RoleRows.Stored>($"{RoleRows.StoredSql} WHERE {string.Join(" AND ", where)}", args)).ToList();
        var places = await Writable.PlacesAsync(conn, rows.Select(r => r.CollectionId));
        var caller = CurrentUser.Of(http);
        if (rows.Any(r => !Writable.CanDeleteRole(caller, places[r.CollectionId].FacilityId))) return KolibriErrors.Forbidden(http);

        if (rows.Count > 0) await conn.ExecuteAsync(DeleteSql, new { ids = rows.Select(r => r.Id).ToArray() });
        foreach (var row in rows) await RoleRows.AfterDeleteAsync(conn, row, places[row.CollectionId]);
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
