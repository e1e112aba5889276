using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Memberships;

/// <summary>/api/auth/membership/: who is in which classroom or group; single or bulk create, delete one or by filter.</summary>
public sealed class MembershipsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/membership").WithTags("Memberships").WithMetadata(new KolibriView("Membership"));
        group.MapGet("/", ListMemberships.HandleAsync);
        group.MapPost("/", CreateMemberships.HandleAsync);
        group.MapDelete("/", BulkDeleteMemberships.HandleAsync);
        group.MapGet("/{id}/", GetMembership.HandleAsync);
        group.MapPut("/{id}/", UpdateMembership.HandleAsync);
        group.MapPatch("/{id}/", UpdateMembership.HandleAsync);
        group.MapDelete("/{id}/", DeleteMembership.HandleAsync);
    }
}
