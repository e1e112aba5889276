using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Learn.LearnerLessons;

/// <summary>/learn/api/learnerlesson/: the active lessons assigned to the caller, each once.</summary>
public sealed class LearnerLessonsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/learn/api/learnerlesson").WithTags("Learn").WithMetadata(new KolibriView("Learner Lesson"));
        group.MapGet("/", ListLearnerLessons.HandleAsync);
        group.MapGet("/{id}/", GetLearnerLesson.HandleAsync);
    }
}

/// <summary>GET /learn/api/learnerlesson/: lesson cards with their classroom.</summary>
public static class ListLearnerLessons
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        if (CurrentUser.Of(http) is not { } user) return KolibriErrors.Forbidden(http);
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Paging.Respond(http, paging, await LearnerCards.LessonsAsync(conn, user, "1 = 1", new { }, withClassroom: true));
    }
}

/// <summary>GET /learn/api/learnerlesson/&lt;id&gt;/: one active lesson assigned to the caller, else 404.</summary>
public static class GetLearnerLesson
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (CurrentUser.Of(http) is not { } user) return KolibriErrors.Forbidden(http);
        if (Ids.Normalize(id) is not { } lessonId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var lessons = await LearnerCards.LessonsAsync(conn, user, "l.id = @lessonId", new { lessonId }, withClassroom: true);
        return lessons.Count == 1 ? Results.Json(lessons[0]) : KolibriErrors.NotFound(http);
    }
}
