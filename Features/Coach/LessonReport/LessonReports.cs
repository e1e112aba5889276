using System.Text.Json;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.LessonReport;

/// <summary>
/// GET /coach/api/lessonreport/ (facility-level staff: every lesson on the device) and /&lt;id&gt;/ (coaches of the
/// lesson's classroom). Per resource, the assigned learners whose progress on it is complete; four queries in all.
/// </summary>
public static class LessonReports
{
    public sealed record Lesson
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Resources { get; init; }
        public required string CollectionId { get; init; }
    }

    public sealed record Assigned
    {
        public required string LessonId { get; init; }
        public required string UserId { get; init; }
    }

    public sealed record Done
    {
        public required string UserId { get; init; }
        public required string ContentId { get; init; }
    }

    public sealed record Progress
    {
        public required string ContentnodeId { get; init; }
        public required int NumLearnersCompleted { get; init; }
    }

    public sealed record Item
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required IReadOnlyList<Progress> Progress { get; init; }
        public required int TotalLearners { get; init; }
    }

    private const string AssignedSql = """
        SELECT DISTINCT la.lesson_id, m.user_id FROM lessons_lessonassignment la
        JOIN kolibriauth_membership m ON m.collection_id = la.collection_id WHERE la.lesson_id IN @ids
        """;

    private const string DoneSql = """
        SELECT user_id, content_id FROM logger_contentsummarylog WHERE progress = 1 AND user_id IN @users AND content_id IN @contents
        """;

    public static async Task<IResult> ListAsync(HttpContext http, Db db)
    {
        var user = CurrentUser.Of(http);
        if (user is null || !user.IsFacilityStaffOf(user.FacilityId)) return KolibriErrors.Forbidden(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Results.Json(await ReportAsync(conn, "1 = 1", new { }));
    }

    public static async Task<IResult> GetAsync(HttpContext http, Db db, string id)
    {
        var user = CurrentUser.Of(http);
        if (user is null) return KolibriErrors.Forbidden(http);
        if (Ids.Normalize(id) is not { } lessonId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var collection = await conn.ExecuteScalarAsync<string?>("SELECT collection_id FROM lessons_lesson WHERE id = @lessonId", new { lessonId });
        if (collection is null) return KolibriErrors.NotFound(http);
        if (!await CoachAccess.CoachesAsync(conn, user, collection)) return KolibriErrors.Forbidden(http);
        return Results.Json((await ReportAsync(conn, "l.id = @lessonId", new { lessonId })).Single());
    }

    private static async Task<List<Item>> ReportAsync(DbConn conn, string where, object args)
    {
        var lessons = (await conn.QueryAsync<Lesson>(
            $"SELECT l.id, l.title, l.resources, l.collection_id FROM lessons_lesson l WHERE {where} ORDER BY l.date_created DESC, l.id", args)).ToList();
        if (lessons.Count == 0) return [];
        var assigned = (await conn.QueryAsync<Assigned>(AssignedSql, new { ids = lessons.Select(l => l.Id).ToArray() })).ToLookup(a => a.LessonId, a => a.UserId);
        var resources = lessons.ToDictionary(l => l.Id, l => Resources(l.Resources));
        var users = assigned.SelectMany(g => g).Distinct().ToArray();
        var contents = resources.Values.SelectMany(r => r.Select(x => x.ContentId)).Distinct().ToArray();
        var done = users.Length == 0 || contents.Length == 0 ? []
            : (await conn.QueryAsync<Done>(DoneSql, new { users, contents })).Select(d => (d.UserId, d.ContentId)).ToHashSet();
        return lessons.Select(l =>
        {
            var learners = assigned[l.Id].ToList();
            return new Item
            {
                Id = l.Id, Title = l.Title, TotalLearners = learners.Count,
                Progress = learners.Count == 0 ? [] : resources[l.Id].Select(r => new Progress
                {
                    ContentnodeId = r.NodeId, NumLearnersCompleted = learners.Count(u => done.Contains((u, r.ContentId))),
                }).ToList(),
            };
        }).ToList();
    }

    private static List<(string NodeId, string ContentId)> Resources(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind != JsonValueKind.Array ? [] : doc.RootElement.EnumerateArray()
                .Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("contentnode_id", out _) && r.TryGetProperty("content_id", out _))
                .Select(r => (r.GetProperty("contentnode_id").GetString() ?? "", r.GetProperty("content_id").GetString() ?? "")).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return [];
        }
    }
}
