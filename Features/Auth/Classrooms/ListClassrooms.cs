using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Classrooms;

/// <summary>
/// GET /api/auth/classroom/: readable classrooms by id; <c>parent</c> (a facility) and <c>role</c> (only classrooms the
/// caller coaches or administers, directly or through the facility; <c>role=coach</c> counts coach roles only).
/// </summary>
public static class ListClassrooms
{
    private const string FacilityExistsSql = "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @id AND kind = 'facility'";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var query = new QueryParams(http.Request);
        var parent = query.ModelChoice("parent");
        var role = query.Get("role");
        if (query.Errors is { } badFilter) return badFilter;
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (parent is not null && await conn.ExecuteScalarAsync<long>(FacilityExistsSql, new { id = parent }) == 0)
        {
            query.ChoiceNotFound("parent");
            return query.Errors!;
        }

        var user = CurrentUser.Of(http);
        var args = new DynamicParameters();
        var where = new List<string> { await Readable.ReadsWholeDeviceAsync(conn, user) ? "1 = 1" : Readable.Classrooms(user, "c", args) };
        if (parent is not null)
        {
            args.Add("parent", parent);
            where.Add(ClassroomObject.ParentCondition);
        }
        if (role is not null) where.Add(RoleCondition(user, role, args));
        var conditions = where.Where(c => c != "1 = 1").ToList();
        var filter = conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
        if (paging is null) return Results.Json(await ClassroomObject.QueryAsync(conn, filter, args));
        var count = await ClassroomObject.CountAsync(conn, conditions, args);
        return paging.Envelope(http, count, await ClassroomObject.QueryAsync(conn, filter, args, paging));
    }

    private static string RoleCondition(CurrentUser? user, string role, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser || user.Roles.Any(r => r.Kind == CurrentUser.Admin && r.CollectionKind == Writable.Facility)) return "1 = 1";
        string[] kinds = role == CurrentUser.Coach ? [CurrentUser.Coach] : [CurrentUser.Coach, CurrentUser.Admin];
        var held = user.Roles.Where(r => kinds.Contains(r.Kind)).Select(r => r.CollectionId).Distinct().ToArray();
        args.Add("role_collections", held);
        return "(c.id IN @role_collections OR c.parent_id IN @role_collections)";
    }
}
