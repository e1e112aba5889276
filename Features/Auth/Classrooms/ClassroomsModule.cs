using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Classrooms;

/// <summary>/api/auth/classroom/: classrooms with their learner count and class coaches; admins manage them.</summary>
public sealed class ClassroomsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/classroom").WithTags("Classrooms").WithMetadata(new KolibriView("Classroom"));
        group.MapGet("/", ListClassrooms.HandleAsync);
        group.MapPost("/", CreateClassroom.HandleAsync);
        group.MapGet("/{id}/", GetClassroom.HandleAsync);
        group.MapPut("/{id}/", UpdateClassroom.HandleAsync);
        group.MapPatch("/{id}/", UpdateClassroom.HandleAsync);
        group.MapDelete("/{id}/", DeleteClassroom.HandleAsync);
    }
}
