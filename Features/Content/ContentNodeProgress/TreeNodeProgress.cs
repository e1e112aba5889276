using Dapper;
using KolibriSlices.Features.Content.UserNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeProgress;

/// <summary>
/// GET /api/content/contentnodeprogress/&lt;id&gt;/tree/?depth=&amp;next__gt=: the caller's progress on the nodes the tree
/// endpoint would show from this node (content contract §6.2: 12 children by lft, lone children collapsed, 12
/// grandchildren at depth 2, then the request filters). A bare array; 404 for a missing node.
/// </summary>
public static class TreeNodeProgress
{
    private const int PageSize = 12;

    public sealed record TreeNode
    {
        public required string Id { get; init; }
        public required int Lft { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } nodeId) return Results.Json(new Dictionary<string, string> { ["error"] = "Invalid UUID format." }, statusCode: 400);
        var query = new QueryParams(http.Request);
        var depth = query.Int("depth") ?? 2;
        var nextGt = query.Int("next__gt");
        if (depth is not (1 or 2)) query.AddError("INVALID", "depth", "depth must be 1 or 2.");
        if (nextGt is <= 0) query.AddError("INVALID", "next__gt", "next__gt must be a positive integer.");
        var filterArgs = new DynamicParameters();
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (filters, filterError) = await NodeFilters.ParseAsync(http.Request, conn, filterArgs);
        if ((query.Errors ?? filterError) is { } error) return error;
        var baseSet = http.Request.Query.ContainsKey("no_available_filtering") ? "1 = 1" : "n.available = TRUE";

        filterArgs.Add("root", nodeId);
        if (await conn.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM content_contentnode n WHERE n.id = @root AND {string.Join(" AND ", filters.DefaultIfEmpty("1 = 1"))}", filterArgs) == 0)
            return KolibriErrors.NotFound(http);

        async Task<List<TreeNode>> ChildrenAsync(string parent, int? after) =>
            (await conn.QueryAsync<TreeNode>($"""
                SELECT n.id, n.lft FROM content_contentnode n WHERE n.parent_id = @parent AND {baseSet} AND (@after IS NULL OR n.lft > @after)
                ORDER BY n.lft, n.id LIMIT {PageSize}
                """, new { parent, after })).ToList();

        var selected = new List<string> { nodeId };
        var children = await ChildrenAsync(nodeId, nextGt);
        while (nextGt is null && children.Count == 1)
        {
            selected.Add(children[0].Id);
            children = await ChildrenAsync(children[0].Id, null);
        }
        selected.AddRange(children.Select(c => c.Id));
        if (depth == 2)
            foreach (var child in children)
            {
                var grandchildren = await ChildrenAsync(child.Id, null);
                selected.AddRange(grandchildren.Select(g => g.Id));
                while (grandchildren.Count == 1)
                {
                    grandchildren = await ChildrenAsync(grandchildren[0].Id, null);
                    selected.AddRange(grandchildren.Select(g => g.Id));
                }
            }

        var user = CurrentUser.Of(http);
        if (user is null) return Results.Json(Array.Empty<ListNodeProgress.Item>());
        filters.Add("n.id IN @selected");
        filterArgs.Add("selected", selected.Distinct().ToArray());
        filterArgs.Add("userId", user.Id);
        var rows = await conn.QueryAsync<ListNodeProgress.Row>(ListNodeProgress.Sql(string.Join(" AND ", filters)), filterArgs);
        return Results.Json(rows.Select(ListNodeProgress.ItemOf).ToList());
    }
}
