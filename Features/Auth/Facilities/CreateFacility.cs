using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Facilities;

/// <summary>
/// POST /api/auth/facility/ <c>{"name"}</c>: superusers only; a new dataset at default (nonformal) settings, carrying the
/// device's default demographic schema if one is set.
/// </summary>
public static class CreateFacility
{
    public const string Sql = """
        INSERT INTO kolibriauth_facilitydataset (id, extra_fields) VALUES (@datasetId, @extraFields);
        INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id) VALUES (@id, @name, 'facility', @datasetId, NULL);
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var name = body.String("name", required: true, maxLength: 100);
        if (body.Errors is { } invalid) return invalid;
        if (CurrentUser.Of(http) is not { IsSuperuser: true }) return KolibriErrors.Forbidden(http);

        var id = Ids.New();
        var facility = await db.WriteAsync(async conn =>
        {
            await conn.ExecuteAsync(Sql, new { id, datasetId = Ids.New(), name, extraFields = await DatasetPresets.NewExtraFieldsAsync(conn) });
            return (await FacilityObject.QueryAsync(conn, id))[0];
        }, http.RequestAborted);
        return Results.Json(facility, statusCode: 201);
    }
}
