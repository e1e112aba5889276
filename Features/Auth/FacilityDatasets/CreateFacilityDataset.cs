using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>
/// POST /api/auth/facilitydataset/: superusers only (after field validation). The new dataset belongs to no facility
/// yet, so the list does not show it; facilities get theirs from POST /api/auth/facility/.
/// </summary>
public static class CreateFacilityDataset
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var defaults = new DatasetObject.Row
        {
            Id = Ids.New(), LearnerCanEditUsername = true, LearnerCanEditName = true, LearnerCanEditPassword = true, LearnerCanSignUp = true,
            LearnerCanDeleteAccount = true, LearnerCanLoginWithNoPassword = false, ShowDownloadButtonInLearn = true,
            ExtraFields = DatasetPresets.DefaultExtraFields, Description = "", Location = "", Registered = false, Preset = "nonformal",
        };
        var dataset = DatasetFields.Apply(body, defaults);
        if (body.Errors is { } invalid) return invalid;
        if (CurrentUser.Of(http) is not { IsSuperuser: true }) return KolibriErrors.Forbidden(http);
        if (dataset.IncompatibleSettings) return KolibriErrors.Messages(DatasetObject.IncompatibleMessage);

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(DatasetFields.InsertSql, dataset);
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json((await DatasetObject.QueryAsync(conn, dataset.Id, withoutFacility: true))[0], statusCode: 201);
    }
}
