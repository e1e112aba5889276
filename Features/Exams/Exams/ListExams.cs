using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>GET /api/exams/exam/: readable quizzes and (for coaches) drafts, filter <c>collection</c>, newest first.</summary>
public static class ListExams
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (paging, pagingError) = Paging.Parse(http);
        if (pagingError is not null) return pagingError;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (items, error) = await ReadableAsync(http, conn);
        return error ?? Paging.Respond(http, paging, items!);
    }

    public static async Task<(List<ExamObject.Item>? Items, IResult? Error)> ReadableAsync(HttpContext http, DbConn conn)
    {
        var query = new QueryParams(http.Request);
        var collection = query.ModelChoice("collection");
        if (collection is not null && (await Assignments.UnknownCollectionsAsync(conn, [collection])).Count > 0) query.ChoiceNotFound("collection");
        if (query.Errors is { } error) return (null, error);
        var user = CurrentUser.Of(http);
        var examArgs = new DynamicParameters(new { collection });
        var draftArgs = new DynamicParameters(new { collection });
        var byCollection = collection is null ? "" : " AND e.collection_id = @collection";
        var exams = await ExamObject.ExamsAsync(conn, ExamObject.ReadableExams(user, examArgs) + byCollection, examArgs);
        var drafts = await ExamObject.DraftsAsync(conn, Readable.CoachedClassrooms(user, "e", draftArgs) + byCollection, draftArgs);
        return (ExamObject.Sorted(exams.Concat(drafts)), null);
    }
}
