using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Learn.LearnerClassrooms;

/// <summary>GET /learn/api/learnerclassroom/&lt;id&gt;/: one of the caller's classrooms, else 404.</summary>
public static class GetLearnerClassroom
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (CurrentUser.Of(http) is not { } user) return KolibriErrors.Forbidden(http);
        if (Ids.Normalize(id) is not { } classroomId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var rooms = await LearnerCards.ClassroomsAsync(conn, user, classroomId);
        return rooms.Count == 1 ? Results.Json(rooms[0]) : KolibriErrors.NotFound(http);
    }
}
