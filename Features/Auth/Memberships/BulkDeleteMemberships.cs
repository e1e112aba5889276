using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Memberships;

/// <summary>
/// DELETE /api/auth/membership/?user=&amp;collection=&amp;user_ids=: deletes every matching membership. Kolibri checks
/// nothing here; we require delete permission on every matched row and delete nothing (403) if one fails.
/// No filter at all is a 400 with an empty body, as in Kolibri.
/// </summary>
public static class BulkDeleteMemberships
{
    private const string DeleteSql = "DELETE FROM kolibriauth_membership WHERE id IN @ids";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var args = new DynamicParameters();
        var (where, any, error) = await MembershipRows.FiltersAsync(http.Request, conn, args);
        if (error is not null) return error;
        if (!any) return Results.StatusCode(400);

        var rows = (await conn.QueryAsync<MembershipRows.Stored>($"{MembershipRows.StoredSql} WHERE {string.Join(" AND ", where)}", args)).ToList();
        var places = await Writable.PlacesAsync(conn, rows.Select(r => r.CollectionId));
        var caller = CurrentUser.Of(http);
        if (rows.Any(r => !Writable.CanWriteMembership(caller, r.UserFacilityId, places[r.CollectionId], inClassroom: true)))
            return KolibriErrors.Forbidden(http);

        if (rows.Count > 0) await conn.ExecuteAsync(DeleteSql, new { ids = rows.Select(r => r.Id).ToArray() });
        foreach (var row in rows.Where(r => places[r.CollectionId].Kind == Writable.Classroom))
            await MembershipRows.LeaveGroupsAsync(conn, row.UserId, row.CollectionId);
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
