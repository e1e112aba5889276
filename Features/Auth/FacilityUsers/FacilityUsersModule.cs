using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>/api/auth/facilityuser/: the users the caller may read (filters, search, ordering, optional pages), and their writes.</summary>
public sealed class FacilityUsersModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/facilityuser").WithTags("Facility users").WithMetadata(new KolibriView("Facility User"));
        group.MapGet("/", ListFacilityUsers.HandleAsync);
        group.MapPost("/", CreateFacilityUser.HandleAsync);
        group.MapGet("/{id}/", GetFacilityUser.HandleAsync);
        group.MapPut("/{id}/", UpdateFacilityUser.HandleAsync);
        group.MapPatch("/{id}/", UpdateFacilityUser.HandleAsync);
        group.MapDelete("/{id}/", DeleteFacilityUser.HandleAsync);
    }
}
