using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Classrooms;

/// <summary>
/// POST /api/auth/classroom/ <c>{"name", "parent"}</c>: the parent facility's admin or a superuser. Names are unique
/// within a facility; a parent that is not a facility gets Kolibri's wrapped model message.
/// </summary>
public static class CreateClassroom
{
    public const string UniqueMessage = "The fields parent, name must make a unique set.";
    public const string ParentMessage = "['Classroom must be the child of a Facility']";

    private const string NameTakenSql = """
        SELECT COUNT(*) FROM kolibriauth_collection
        WHERE parent_id = @parent AND name = @name AND kind = 'classroom' AND (@id IS NULL OR id <> @id)
        """;

    private const string InsertSql = """
        INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id) VALUES (@id, @name, 'classroom', @datasetId, @parent)
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var name = body.String("name", required: true, maxLength: 100);
        var parentId = body.Pk("parent", required: true);

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var parent = parentId?.Id is { } pid ? await Writable.PlaceAsync(conn, pid) : null;
        if (parentId is not null && parent is null) body.DoesNotExist("parent", parentId);
        if (body.Errors is { } invalid) return invalid;

        if (!Writable.CanManageClassroom(CurrentUser.Of(http), parent!.FacilityId)) return KolibriErrors.Forbidden(http);
        if (await NameTakenAsync(conn, parent.Id, name!, null))
            return KolibriErrors.Invalid("UNIQUE", "non_field_errors", UniqueMessage);
        if (parent.Kind != Writable.Facility) return KolibriErrors.Messages(ParentMessage);

        var id = Ids.New();
        await conn.ExecuteAsync(InsertSql, new { id, name, datasetId = parent.DatasetId, parent = parent.Id });
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await ClassroomObject.OneAsync(conn, id), statusCode: 201);
    }

    public static async Task<bool> NameTakenAsync(DbConn conn, string parent, string name, string? id) =>
        await conn.ExecuteScalarAsync<long>(NameTakenSql, new { parent, name, id }) > 0;
}
