using Carter;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>/api/lessons/lesson/: coaches' lessons with their resources and assignments.</summary>
public sealed class LessonsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/lessons/lesson").WithTags("Lessons").WithMetadata(new KolibriView("Lesson"));
        group.MapGet("/", ListLessons.HandleAsync);
        group.MapGet("/size/", LessonSizes.HandleAsync);
        group.MapGet("/{id}/", GetLesson.HandleAsync);
        group.MapPost("/", CreateLesson.HandleAsync);
        group.MapPut("/{id}/", (HttpContext http, Db db, TimeProvider clock, string id) => UpdateLesson.HandleAsync(http, db, id, partial: false));
        group.MapPatch("/{id}/", (HttpContext http, Db db, TimeProvider clock, string id) => UpdateLesson.HandleAsync(http, db, id, partial: true));
        group.MapDelete("/{id}/", DeleteLesson.HandleAsync);
    }
}
