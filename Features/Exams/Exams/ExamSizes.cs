using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>GET /api/exams/exam/size/: per readable quiz or draft, the bytes of the files of the exercises it uses.</summary>
public static class ExamSizes
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
        var (items, error) = await ListExams.ReadableAsync(http, conn);
        if (error is not null) return error;
        var nodesOf = items!.Select(i => (Key: i.Id.ToString()!, Nodes: ContentReferences.QuizExerciseIds(i.QuestionSources.Text))).ToList();
        var allNodes = nodesOf.SelectMany(n => n.Nodes).Distinct().ToArray();
        var files = allNodes.Length == 0 ? [] : (await conn.QueryAsync<NodeFile>(FilesSql, new { nodes = allNodes })).ToList();
        var byNode = files.ToLookup(f => f.ContentnodeId);
        return Results.Json(nodesOf.Select(n => new Dictionary<string, long>
        {
            [n.Key] = n.Nodes.SelectMany(node => byNode[node]).DistinctBy(f => f.LocalFileId).Sum(f => f.FileSize ?? 0),
        }).ToList());
    }
}
