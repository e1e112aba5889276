using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>
/// GET /api/exams/exam/&lt;id&gt;/: a draft (all-digit id) or a quiz, under the list's visibility rule (Kolibri serves any
/// quiz to anyone here; we answer 404 instead).
/// </summary>
public static class GetExam
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        var user = CurrentUser.Of(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        List<ExamObject.Item> found;
        if (ExamObject.IsDraftId(id, out var draftId))
        {
            var args = new DynamicParameters(new { draftId });
            found = await ExamObject.DraftsAsync(conn, $"e.id = @draftId AND {Readable.CoachedClassrooms(user, "e", args)}", args);
        }
        else if (Ids.Normalize(id) is { } examId)
        {
            var args = new DynamicParameters(new { examId });
            found = await ExamObject.ExamsAsync(conn, $"e.id = @examId AND {ExamObject.ReadableExams(user, args)}", args);
        }
        else found = [];
        return found.Count == 1 ? Results.Json(found[0]) : KolibriErrors.NotFound(http);
    }
}
