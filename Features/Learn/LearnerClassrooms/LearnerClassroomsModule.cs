using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Learn.LearnerClassrooms;

/// <summary>/learn/api/learnerclassroom/: the caller's classrooms with their lessons and quizzes.</summary>
public sealed class LearnerClassroomsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/learn/api/learnerclassroom").WithTags("Learn").WithMetadata(new KolibriView("Learner Classroom"));
        group.MapGet("/", ListLearnerClassrooms.HandleAsync);
        group.MapGet("/{id}/", GetLearnerClassroom.HandleAsync);
    }
}
