using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>DELETE /api/exams/exam/&lt;id&gt;/: a draft, or a quiz with its assignments, ad-hoc group and notifications (204).</summary>
public static class DeleteExam
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var isDraft = ExamObject.IsDraftId(id, out var draftId);
        var examId = isDraft ? null : Ids.Normalize(id);
        if (!isDraft && examId is null) return KolibriErrors.NotFound(http);
        var collection = isDraft
            ? await conn.ExecuteScalarAsync<string?>("SELECT collection_id FROM exams_draftexam WHERE id = @draftId", new { draftId })
            : await conn.ExecuteScalarAsync<string?>("SELECT collection_id FROM exams_exam WHERE id = @examId", new { examId });
        if (collection is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        if (user is null || !Readable.CoachesCollection(user, collection, await Assignments.FacilityOfAsync(conn, collection) ?? ""))
            return KolibriErrors.Forbidden(http);

        await conn.BeginWriteAsync(http.RequestAborted);
        if (isDraft) await conn.ExecuteAsync("DELETE FROM exams_draftexam WHERE id = @draftId", new { draftId });
        else
        {
            await Assignments.DeleteAdHocAsync(conn, AssignmentTable.Exams, examId!);
            await conn.ExecuteAsync("DELETE FROM notifications_learnerprogressnotification WHERE quiz_id = @examId", new { examId });
            await conn.ExecuteAsync("DELETE FROM exams_exam WHERE id = @examId", new { examId });
        }
        await conn.CommitAsync(http.RequestAborted);
        return Results.NoContent();
    }
}
