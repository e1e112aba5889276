using System.Globalization;
using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeTree;

/// <summary>
/// GET /api/content/contentnode_tree/&lt;id&gt;/?depth=1|2&amp;next__gt=: the node with up to 12 children and 12
/// grandchildren each, lone children collapsed, nested with <c>children: {results, more}</c> (content.md §6). Children
/// are read over the (parent_id, lft) index, a page per parent (the grandchildren of all children in one query), so the
/// cost follows the page, not the channel.
/// </summary>
public static class GetContentNodeTree
{
    public const int PageSize = 12;

    private sealed record TreeRow
    {
        public required string Id { get; init; }
        public string? ParentId { get; init; }
        public int Lft { get; init; }
        public int Rght { get; init; }
    }

    private const string ChildrenSql = """
        SELECT n.id, n.parent_id, n.lft, n.rght FROM content_contentnode n
        WHERE n.parent_id = @parentId AND n.lft > @after AND {0}
        ORDER BY n.lft, n.id
        LIMIT @limit
        """;

    /// <summary>The first page of children of each of several parents.</summary>
    private const string ChildrenOfEachSql = """
        SELECT id, parent_id, lft, rght FROM (
            SELECT n.id, n.parent_id, n.lft, n.rght, ROW_NUMBER() OVER (PARTITION BY n.parent_id ORDER BY n.lft, n.id) AS position
            FROM content_contentnode n
            WHERE n.parent_id IN @parents AND {0}
        ) ranked
        WHERE position <= @limit
        ORDER BY lft, id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } nodeId) return Results.Json(new { error = "Invalid UUID format." }, statusCode: 400);
        var query = new QueryParams(http.Request);
        var depth = 2;
        if (query.Get("depth") is { } rawDepth && !(int.TryParse(rawDepth, NumberStyles.None, CultureInfo.InvariantCulture, out depth) && depth is 1 or 2))
            query.AddError("INVALID", "depth", "Ensure this value is 1 or 2.");
        int? nextGt = null;
        if (query.Get("next__gt") is { } rawNext)
        {
            if (int.TryParse(rawNext, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0) nextGt = parsed;
            else query.AddError("INVALID", "next__gt", "Ensure this value is a positive integer.");
        }
        if (query.Errors is { } invalid) return invalid;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn);
        if (filters.Error is { } error) return error;
        var baseSet = filters.AllNodes ? "1 = 1" : "n.available = TRUE";

        async Task<List<TreeRow>> Children(string parentId, int after, string condition, object? extra = null)
        {
            var args = new Dapper.DynamicParameters(condition == baseSet ? null : filters.Args);
            args.Add("parentId", parentId);
            args.Add("after", after);
            args.Add("limit", PageSize);
            return (await conn.QueryAsync<TreeRow>(string.Format(ChildrenSql, condition), args)).ToList();
        }

        var included = new List<string> { nodeId };
        var level = await Children(nodeId, nextGt ?? 0, baseSet);
        included.AddRange(level.Select(c => c.Id));
        while (nextGt is null && level.Count == 1)
        {
            level = await Children(level[0].Id, 0, baseSet);
            included.AddRange(level.Select(c => c.Id));
        }
        if (depth == 2 && level.Count > 0)
        {
            var args = new Dapper.DynamicParameters(filters.Args);
            args.Add("parents", level.Select(c => c.Id).ToArray());
            args.Add("limit", PageSize);
            var grandchildren = (await conn.QueryAsync<TreeRow>(string.Format(ChildrenOfEachSql, filters.Where), args)).ToList();
            included.AddRange(grandchildren.Select(g => g.Id));
            // A lone grandchild is collapsed: its own children are shown in its place, down to the first level with more.
            var pending = new Queue<string>(grandchildren.GroupBy(g => g.ParentId).Where(g => g.Count() == 1).Select(g => g.Single().Id));
            while (pending.TryDequeue(out var loneId))
            {
                var below = await Children(loneId, 0, filters.Where);
                included.AddRange(below.Select(g => g.Id));
                if (below.Count == 1) pending.Enqueue(below[0].Id);
            }
        }

        var ids = included.Distinct().ToArray();
        filters.Add($"n.id IN {filters.Param(ids)}");
        var rows = await ContentNodeProjection.QueryRowsAsync(conn,
            $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE {filters.Where} ORDER BY n.lft, n.id", filters.Args);
        if (!rows.Any(r => r.Id == nodeId)) return KolibriErrors.NotFound(http);
        var nodes = await ContentNodeProjection.SerializeAsync(conn, rows);

        var byParent = rows.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!);
        var objects = nodes.ToDictionary(n => n.Id);
        var rowsById = rows.ToDictionary(r => r.Id);
        ContentNodeObject Nest(string id, HashSet<string> seen)
        {
            var children = byParent[id].Where(c => c.Id != id && seen.Add(c.Id)).ToList();
            if (children.Count == 0) return objects[id];
            NodeChildrenMore? more = null;
            var last = children[^1];
            if (children.Count >= PageSize && last.Rght + 1 < rowsById[id].Rght)
            {
                var parameters = new Dictionary<string, object>();
                foreach (var (key, values) in http.Request.Query)
                    if (key is not ("next__gt" or "depth")) parameters[key] = values.Count > 0 ? values[^1] ?? "" : "";
                parameters["next__gt"] = last.Rght;
                parameters["depth"] = id == nodeId ? 2 : 1;
                more = new NodeChildrenMore { Id = id, Params = parameters };
            }
            var results = children.Select(c => Nest(c.Id, seen)).ToList();
            return objects[id] with { Children = new NodeChildrenObject { Results = results, More = more } };
        }
        return Results.Json(Nest(nodeId, [nodeId]));
    }
}
