using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>
/// /api/auth/facilitydataset/: every facility's settings, readable by everyone; the facility's admin (or a superuser)
/// updates, resets them and sets the pin; superusers create and delete.
/// </summary>
public sealed class FacilityDatasetsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/facilitydataset").WithTags("Facility datasets").WithMetadata(new KolibriView("Facility Dataset"));
        group.MapGet("/", ListFacilityDatasets.HandleAsync);
        group.MapPost("/", CreateFacilityDataset.HandleAsync);
        group.MapGet("/{id}/", GetFacilityDataset.HandleAsync);
        group.MapPut("/{id}/", UpdateFacilityDataset.HandleAsync);
        group.MapPatch("/{id}/", UpdateFacilityDataset.HandleAsync);
        group.MapDelete("/{id}/", DeleteFacilityDataset.HandleAsync);
        group.MapPost("/{id}/resetsettings/", ResetDatasetSettings.HandleAsync);
        group.MapMethods("/{id}/update-pin/", ["POST", "PATCH"], UpdateDatasetPin.HandleAsync);
    }
}
