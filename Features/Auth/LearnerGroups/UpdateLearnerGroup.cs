using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.LearnerGroups;

/// <summary>
/// PUT/PATCH /api/auth/learnergroup/&lt;id&gt;/ <c>{"name"}</c>: whoever may manage the classroom's groups. A group stays
/// in its classroom (its memberships depend on it): another <c>parent</c> is a 400.
/// </summary>
public static class UpdateLearnerGroup
{
    public const string ParentFixedMessage = "A learner group cannot be moved to another classroom.";

    private const string UpdateSql = "UPDATE kolibriauth_collection SET name = @name, _morango_dirty_bit = TRUE WHERE id = @id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } groupId) return KolibriErrors.NotFound(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: HttpMethods.IsPatch(http.Request.Method));
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (await Writable.PlaceAsync(conn, groupId) is not { Kind: Writable.LearnerGroup } group) return KolibriErrors.NotFound(http);
        if (!Writable.CanManageGroup(CurrentUser.Of(http), group)) return KolibriErrors.Forbidden(http);

        if (error is not null) return error;
        var name = body.String("name", required: true, maxLength: 100);
        var parentId = body.Pk("parent");
        if (parentId is not null)
        {
            if (parentId.Id is null || await Writable.PlaceAsync(conn, parentId.Id) is null) body.DoesNotExist("parent", parentId);
            else if (parentId.Id != group.ParentId) body.AddError("INVALID", "parent", ParentFixedMessage);
        }
        if (body.Errors is { } invalid) return invalid;

        if (name is not null)
        {
            if (await CreateLearnerGroup.NameTakenAsync(conn, group.ParentId!, name, group.Id))
                return KolibriErrors.Invalid("UNIQUE", "non_field_errors", CreateLearnerGroup.UniqueMessage);
            await conn.ExecuteAsync(UpdateSql, new { id = group.Id, name });
        }
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await LearnerGroupObject.OneAsync(conn, group.Id));
    }
}
