using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>/api/auth/facilityuser/: the users the caller may read, with filters, search, ordering and optional pages.</summary>
public sealed class FacilityUsersModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/facilityuser").WithTags("Facility users").WithMetadata(new KolibriView("Facility User"));
        group.MapGet("/", ListFacilityUsers.HandleAsync);
        group.MapGet("/{id}/", GetFacilityUser.HandleAsync);
    }
}
