using Carter;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.Difficulties;

/// <summary>/coach/api/{exercise,quiz,practicequiz}difficulties/: which questions learners get wrong.</summary>
public sealed class DifficultiesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/coach/api/exercisedifficulties/{id}/", (HttpContext http, Db db, string id) => ExerciseDifficulties.HandleAsync(http, db, id, practiceQuiz: false)).WithTags("Coach").WithMetadata(new KolibriView("Exercise Difficulties"));
        app.MapGet("/coach/api/practicequizdifficulties/{id}/", (HttpContext http, Db db, string id) => ExerciseDifficulties.HandleAsync(http, db, id, practiceQuiz: true))
            .WithTags("Coach").WithMetadata(new KolibriView("Practice Quiz Difficulties"));
        app.MapGet("/coach/api/quizdifficulties/{id}/", QuizDifficulties.HandleAsync).WithTags("Coach").WithMetadata(new KolibriView("Quiz Difficulties"));
    }
}
