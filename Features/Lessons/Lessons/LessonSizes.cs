using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>GET /api/lessons/lesson/size/: per visible lesson, the bytes of the distinct files of its resources.</summary>
public static class LessonSizes
{
    public sealed record NodeFile
    {
        public required string ContentnodeId { get; init; }
        public required string LocalFileId { get; init; }
        public long? FileSize { get; init; }
    }

    private const string FilesSql = """
        SELECT f.contentnode_id, lf.id AS local_file_id, lf.file_size
        FROM content_file f JOIN content_localfile lf ON lf.id = f.local_file_id
        WHERE f.contentnode_id IN @nodes
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (where, args, error) = await LessonObject.FilterAsync(http, conn);
        if (error is not null) return error;
        var lessons = await LessonObject.LoadAsync(conn, where!, args);
        var nodesOf = lessons.ToDictionary(l => l.Id, l => ContentReferences.LessonNodeIds(l.Resources.Text));
        var allNodes = nodesOf.Values.SelectMany(n => n).Distinct().ToArray();
        var files = allNodes.Length == 0 ? [] : (await conn.QueryAsync<NodeFile>(FilesSql, new { nodes = allNodes })).ToList();
        var byNode = files.ToLookup(f => f.ContentnodeId);
        return Results.Json(lessons.Select(l => new Dictionary<string, long>
        {
            [l.Id] = nodesOf[l.Id].SelectMany(n => byNode[n]).DistinctBy(f => f.LocalFileId).Sum(f => f.FileSize ?? 0),
        }).ToList());
    }

}
