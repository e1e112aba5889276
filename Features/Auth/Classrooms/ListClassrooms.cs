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
        // Only the conditions that restrict: with none, or only the parent, the page's total is a kept count.
        var where = new List<string>();
        if (!await Readable.ReadsWholeDeviceAsync(conn, user)) where.Add(Readable.Classrooms(user, "c", args));
        if (parent is not null)
        {
            args.Add("parent", parent);
            where.Add(ClassroomObject.ParentCondition);
        }
        if (role is not null && RoleCondition(user, role, args) is { } roleCondition) where.Add(roleCondition);
        var filter = where.Count == 0 ? "1 = 1" : string.Join(" AND ", where);
        if (paging is null) return Results.Json(await ClassroomObject.QueryAsync(conn, filter, args));
        var count = await ClassroomObject.CountAsync(conn, where, args);
        return paging.Envelope(http, count, await ClassroomObject.QueryAsync(conn, filter, args, paging));
    }

    /// <summary>The classrooms <c>role</c> keeps, or null when it keeps every one (a superuser, a facility admin).</summary>
    private static string? RoleCondition(CurrentUser? user, string role, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser || user.Roles.Any(r => r.Kind == CurrentUser.Admin && r.CollectionKind == Writable.Facility)) return null;
        string[] kinds = role == CurrentUser.Coach ? [CurrentUser.Coach] : [CurrentUser.Coach, CurrentUser.Admin];
        var held = user.Roles.Where(r => kinds.Contains(r.Kind)).Select(r => r.CollectionId).Distinct().ToArray();
        args.Add("role_collections", held);
        return "(c.id IN @role_collections OR c.parent_id IN @role_collections)";
    }
}
