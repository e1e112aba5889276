using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.LearnerGroups;

/// <summary>GET /api/auth/learnergroup/: readable learner groups (never ad-hoc groups), optionally of one classroom (<c>parent</c>).</summary>
public static class ListLearnerGroups
{
    private const string ClassroomExistsSql = "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @id AND kind = 'classroom'";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var query = new QueryParams(http.Request);
        var parent = query.ModelChoice("parent");
        if (query.Errors is { } badFilter) return badFilter;
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (parent is not null && await conn.ExecuteScalarAsync<long>(ClassroomExistsSql, new { id = parent }) == 0)
        {
            query.ChoiceNotFound("parent");
            return query.Errors!;
        }
        var args = new DynamicParameters(new { parent });
        var where = $"{Readable.LearnerGroups(CurrentUser.Of(http), "g", args)} AND (@parent IS NULL OR g.parent_id = @parent)";
        return Paging.Respond(http, paging, await LearnerGroupObject.QueryAsync(conn, where, args));
    }
}
