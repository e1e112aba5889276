using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsernames;

/// <summary>/api/auth/facilityusername/: the pick-list of names for passwordless sign-in, for anyone.</summary>
public sealed class FacilityUsernamesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/facilityusername").WithTags("Facility usernames").WithMetadata(new KolibriView("Facility Username"));
        group.MapGet("/", ListFacilityUsernames.HandleAsync);
        group.MapGet("/{id}/", GetFacilityUsername.HandleAsync);
    }
}
