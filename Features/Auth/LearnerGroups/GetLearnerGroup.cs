using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.LearnerGroups;

/// <summary>GET /api/auth/learnergroup/&lt;id&gt;/: one group, 404 unless the caller may read it.</summary>
public static class GetLearnerGroup
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } groupId) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = groupId });
        var readable = Readable.LearnerGroups(CurrentUser.Of(http), "g", args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return (await LearnerGroupObject.QueryAsync(conn, $"g.id = @id AND {readable}", args)) is [var group]
            ? Results.Json(group)
            : KolibriErrors.NotFound(http);
    }
}
