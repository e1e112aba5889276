using Dapper;
using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Learn.Home;

/// <summary>
/// GET /learn/api/homehydrate: the caller's classrooms, and — when they have no classroom or no lesson resource in
/// progress — the 12 most recently touched resources in progress with their progress.
/// </summary>
public static class HomeHydrate
{
    public sealed record Resumable
    {
        public required string ContentId { get; init; }
        public required double Progress { get; init; }
    }

    private const string ResumableSql = """
        SELECT s.content_id, s.progress FROM logger_contentsummarylog s
        WHERE s.user_id = @userId AND s.progress > 0 AND s.progress < 1
          AND EXISTS (SELECT 1 FROM content_contentnode n WHERE n.content_id = s.content_id AND n.available = TRUE)
        ORDER BY s.end_timestamp IS NULL, s.end_timestamp DESC, s.content_id LIMIT 12
        """;

    public sealed record ContentNode
    {
        public required string ContentId { get; init; }
        public required string NodeId { get; init; }
    }

    private const string NodesForContentSql = """
        SELECT n.content_id, MIN(n.id) AS node_id FROM content_contentnode n
        WHERE n.content_id IN @contentIds AND n.available = TRUE GROUP BY n.content_id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var empty = new Dictionary<string, object> { ["classrooms"] = Array.Empty<object>(), ["resumable_resources"] = Array.Empty<object>(), ["resumable_resources_progress"] = Array.Empty<object>() };
        if (CurrentUser.Of(http) is not { } user) return Results.Json(empty);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var classrooms = await LearnerCards.ClassroomsAsync(conn, user);
        var lessonInProgress = classrooms.SelectMany(c => c["assignments"]!["lessons"]!.AsArray())
            .SelectMany(l => l!["resources"]!.AsArray()).Any(r => (double)r!["progress"]! is > 0 and < 1);

        var resumable = new List<Resumable>();
        var nodes = new List<ContentNodeObject>();
        if (classrooms.Count == 0 || !lessonInProgress)
        {
            resumable = (await conn.QueryAsync<Resumable>(ResumableSql, new { userId = user.Id })).ToList();
            var byContent = resumable.Count == 0 ? [] : (await conn.QueryAsync<ContentNode>(NodesForContentSql,
                new { contentIds = resumable.Select(r => r.ContentId).ToArray() })).ToDictionary(c => c.ContentId, c => c.NodeId);
            var nodeIds = resumable.Where(r => byContent.ContainsKey(r.ContentId)).Select(r => byContent[r.ContentId]).ToList();
            var loaded = await ContentNodeProjection.ByIdAsync(conn, nodeIds);
            nodes = nodeIds.Where(loaded.ContainsKey).Select(id => loaded[id]).ToList();
        }
        return Results.Json(new Dictionary<string, object> { ["classrooms"] = classrooms, ["resumable_resources"] = nodes, ["resumable_resources_progress"] = resumable });
    }
}
