using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Roles;

/// <summary>/api/auth/role/: admin and coach roles on facilities and classrooms; single or bulk create, delete one or by filter.</summary>
public sealed class RolesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/role").WithTags("Roles").WithMetadata(new KolibriView("Role"));
        group.MapGet("/", ListRoles.HandleAsync);
        group.MapPost("/", CreateRoles.HandleAsync);
        group.MapDelete("/", BulkDeleteRoles.HandleAsync);
        group.MapGet("/{id}/", GetRole.HandleAsync);
        group.MapPut("/{id}/", UpdateRole.HandleAsync);
        group.MapPatch("/{id}/", UpdateRole.HandleAsync);
        group.MapDelete("/{id}/", DeleteRole.HandleAsync);
    }
}
