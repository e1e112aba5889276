using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Memberships;

/// <summary>DELETE /api/auth/membership/&lt;id&gt;/: facility admins, superusers, and coaches for group memberships in their classes.</summary>
public static class DeleteMembership
{
    private const string Sql = "DELETE FROM kolibriauth_membership WHERE id = @id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } membershipId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<MembershipRows.Stored>(MembershipRows.StoredSql + " WHERE m.id = @id", new { id = membershipId });
        if (row is null) return KolibriErrors.NotFound(http);
        var place = (await Writable.PlaceAsync(conn, row.CollectionId))!;
        if (!Writable.CanWriteMembership(CurrentUser.Of(http), row.UserFacilityId, place, inClassroom: true)) return KolibriErrors.Forbidden(http);
        await conn.ExecuteAsync(Sql, new { id = row.Id });
        if (place.Kind == Writable.Classroom) await MembershipRows.LeaveGroupsAsync(conn, row.UserId, place.Id);
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
