using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Facilities;

/// <summary>
/// POST /api/auth/facility/create_facility/ <c>{"name", "preset"}</c>: superusers only (checked first, for every method);
/// a new facility whose dataset carries the preset's settings. 200 with an empty body.
/// </summary>
public static class CreateFacilityWithPreset
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        if (CurrentUser.Of(http) is not { IsSuperuser: true }) return KolibriErrors.Forbidden(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var name = body.String("name", required: true, maxLength: 100);
        var preset = body.Choice("preset", DatasetPresets.Names, required: true);
        if (body.Errors is { } invalid) return invalid;

        var datasetId = Ids.New();
        await db.WriteAsync(async conn =>
        {
            await conn.ExecuteAsync(CreateFacility.Sql, new { id = Ids.New(), datasetId, name, extraFields = await DatasetPresets.NewExtraFieldsAsync(conn) });
            return await conn.ExecuteAsync(DatasetPresets.ApplySql, DatasetPresets.Parameters(datasetId, preset!));
        }, http.RequestAborted);
        return Results.Ok();
    }

    /// <summary>Any other method: still 403 unless superuser, then 405.</summary>
    public static IResult OtherMethod(HttpContext http) =>
        CurrentUser.Of(http) is not { IsSuperuser: true }
            ? KolibriErrors.Forbidden(http)
            : KolibriErrors.Detail(405, $"Method \"{http.Request.Method}\" not allowed.");
}
