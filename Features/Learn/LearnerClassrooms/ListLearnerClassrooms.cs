using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Learn.LearnerClassrooms;

/// <summary>GET /learn/api/learnerclassroom/: every classroom the caller belongs to, with its assignments.</summary>
public static class ListLearnerClassrooms
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        if (CurrentUser.Of(http) is not { } user) return KolibriErrors.Forbidden(http);
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Paging.Respond(http, paging, await LearnerCards.ClassroomsAsync(conn, user));
    }
}
