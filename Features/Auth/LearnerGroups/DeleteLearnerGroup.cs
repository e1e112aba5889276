using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.LearnerGroups;

/// <summary>DELETE /api/auth/learnergroup/&lt;id&gt;/: whoever may manage the classroom's groups; memberships cascade.</summary>
public static class DeleteLearnerGroup
{
    private const string Sql = "DELETE FROM kolibriauth_collection WHERE id = @id AND kind = 'learnergroup'";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } groupId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (await Writable.PlaceAsync(conn, groupId) is not { Kind: Writable.LearnerGroup } group) return KolibriErrors.NotFound(http);
        if (!Writable.CanManageGroup(CurrentUser.Of(http), group)) return KolibriErrors.Forbidden(http);
        await conn.ExecuteAsync(Sql, new { id = group.Id });
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
