using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Facilities;

/// <summary>/api/auth/facility/: everyone reads every facility; superusers create and delete; admins rename their own.</summary>
public sealed class FacilitiesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/facility").WithTags("Facilities").WithMetadata(new KolibriView("Facility"));
        group.MapGet("/", ListFacilities.HandleAsync);
        group.MapPost("/", CreateFacility.HandleAsync);
        group.MapPost("/create_facility/", CreateFacilityWithPreset.HandleAsync);
        group.MapMethods("/create_facility/", ["GET", "PUT", "PATCH", "DELETE"], CreateFacilityWithPreset.OtherMethod);
        group.MapGet("/{id}/", GetFacility.HandleAsync);
        group.MapPut("/{id}/", UpdateFacility.HandleAsync);
        group.MapPatch("/{id}/", UpdateFacility.HandleAsync);
        group.MapDelete("/{id}/", DeleteFacility.HandleAsync);
    }
}
