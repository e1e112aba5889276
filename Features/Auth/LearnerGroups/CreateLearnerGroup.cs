using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.LearnerGroups;

/// <summary>
/// POST /api/auth/learnergroup/ <c>{"name", "parent"}</c>: facility admins and coaches, the classroom's coaches,
/// superusers. Names are unique within the classroom; a parent that is not a classroom gets Kolibri's wrapped message.
/// </summary>
public static class CreateLearnerGroup
{
    public const string UniqueMessage = "The fields parent, name must make a unique set.";
    public const string ParentMessage = "['LearnerGroup must be the child of a Classroom']";

    private const string NameTakenSql = """
        SELECT COUNT(*) FROM kolibriauth_collection
        WHERE parent_id = @parent AND name = @name AND kind = 'learnergroup' AND (@id IS NULL OR id <> @id)
        """;

    private const string InsertSql = """
        INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id) VALUES (@id, @name, 'learnergroup', @datasetId, @parent)
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
        if (parent is null) return KolibriErrors.NotFound(http);

        if (!Writable.CanManageGroup(CurrentUser.Of(http), parent)) return KolibriErrors.Forbidden(http);
        if (await NameTakenAsync(conn, parent.Id, name!, null))
            return KolibriErrors.Invalid("UNIQUE", "non_field_errors", UniqueMessage);
        if (parent.Kind != Writable.Classroom) return KolibriErrors.Messages(ParentMessage);

        var id = Ids.New();
        await conn.ExecuteAsync(InsertSql, new { id, name, datasetId = parent.DatasetId, parent = parent.Id });
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await LearnerGroupObject.OneAsync(conn, id), statusCode: 201);
    }

    public static async Task<bool> NameTakenAsync(DbConn conn, string parent, string name, string? id) =>
        await conn.ExecuteScalarAsync<long>(NameTakenSql, new { parent, name, id }) > 0;
}
