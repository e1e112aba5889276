using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>
/// GET /api/content/contentnode/descendants_assessments/?ids=: per matching node, the assessments of the available
/// exercises in its subtree (itself included); null when there are none. No ids → [].
/// </summary>
public static class DescendantsAssessments
{
    public sealed record Sum
    {
        public required string Id { get; init; }
        public long? NumAssessments { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        if (string.IsNullOrEmpty(ListContentNodes.Last(http.Request, "ids"))) return Results.Json(Array.Empty<Sum>());
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn);
        if (filters.Error is { } error) return error;
        return Results.Json((await conn.QueryAsync<Sum>($"""
            SELECT n.id, (
                SELECT SUM(a.number_of_assessments) FROM content_contentnode d
                JOIN content_assessmentmetadata a ON a.contentnode_id = d.id
                WHERE d.tree_id = n.tree_id AND d.lft >= n.lft AND d.rght <= n.rght AND d.available = TRUE AND d.kind = 'exercise'
            ) AS num_assessments
            FROM content_contentnode n WHERE {filters.Where} ORDER BY {filters.OrderBy}
            """, filters.Args)).ToList());
    }
}
