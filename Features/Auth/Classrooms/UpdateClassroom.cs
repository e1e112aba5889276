using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Classrooms;

/// <summary>
/// PUT/PATCH /api/auth/classroom/&lt;id&gt;/ <c>{"name"}</c>: the facility's admin or a superuser. The parent is fixed
/// after creation (Kolibri lets an admin move a classroom into another facility): sending the same parent is fine,
/// another one is a 400.
/// </summary>
public static class UpdateClassroom
{
    public const string ParentFixedMessage = "A classroom cannot be moved to another facility.";

    private const string UpdateSql = "UPDATE kolibriauth_collection SET name = @name, _morango_dirty_bit = TRUE WHERE id = @id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } classroomId) return KolibriErrors.NotFound(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: HttpMethods.IsPatch(http.Request.Method));
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (await Writable.PlaceAsync(conn, classroomId) is not { Kind: Writable.Classroom } classroom) return KolibriErrors.NotFound(http);
        if (!Writable.CanManageClassroom(CurrentUser.Of(http), classroom.FacilityId)) return KolibriErrors.Forbidden(http);
        if (error is not null) return error;
        var name = body.String("name", required: true, maxLength: 100);
        var parentId = body.Pk("parent");
        if (parentId is not null)
        {
            if (parentId.Id is null || await Writable.PlaceAsync(conn, parentId.Id) is null) body.DoesNotExist("parent", parentId);
            else if (parentId.Id != classroom.ParentId) body.AddError("INVALID", "parent", ParentFixedMessage);
        }
        if (body.Errors is { } invalid) return invalid;

        if (name is not null)
        {
            if (await CreateClassroom.NameTakenAsync(conn, classroom.ParentId!, name, classroom.Id))
                return KolibriErrors.Invalid("UNIQUE", "non_field_errors", CreateClassroom.UniqueMessage);
            await conn.ExecuteAsync(UpdateSql, new { id = classroom.Id, name });
        }
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await ClassroomObject.OneAsync(conn, classroom.Id));
    }
}
