using Dapper;
using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeSearch;

/// <summary>
/// GET /api/content/contentnode_search/?search=: ranked candidate queries (title all words, description all words, then
/// each word alone, longest first) collect up to max_results distinct content_ids, served in tree order, with the
/// total and the channel/kind facets (content.md §5.5).
/// </summary>
public static class SearchContentNodes
{
    public sealed record SearchResults
    {
        public required IReadOnlyList<string> ChannelIds { get; init; }
        public required IReadOnlyList<string> ContentKinds { get; init; }
        public required IReadOnlyList<ContentNodeObject> Results { get; init; }
        public required long TotalResults { get; init; }
    }

    private sealed record Hit
    {
        public required string Id { get; init; }
        public required string ContentId { get; init; }
    }

    public static Task<IResult> ListAsync(HttpContext http, Db db) => HandleAsync(http, db, null);

    public static Task<IResult> DetailAsync(HttpContext http, Db db, string id) => HandleAsync(http, db, id);

    private static async Task<IResult> HandleAsync(HttpContext http, Db db, string? id)
    {
        var search = ListContentNodes.Last(http.Request, "search");
        if (search is null)
            return KolibriErrors.Detail(412, "The following parameters were missing and are required: search");
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn);
        if (filters.Error is { } error) return error;
        if (id is not null)
        {
            if (Ids.Normalize(id) is not { } nodeId) return KolibriErrors.NotFound(http);
            filters.Add($"n.id = {filters.Param(nodeId)}");
        }
        var maxResults = ListContentNodes.MaxResults(http.Request) ?? 30;

        var words = NodeFilters.Keywords(search).Distinct().ToArray();
        if (words.Length == 0)
            return Results.Json(new SearchResults { ChannelIds = [], ContentKinds = [], Results = [], TotalResults = 0 });
        var critical = StopWords.Critical(words);
        var candidates = new List<(string Field, string[] Words)> { ("title", words), ("title", critical), ("description", words), ("description", critical) };
        candidates.AddRange(critical.OrderByDescending(w => w.Length).Select(w => ("title", new[] { w })));
        candidates.AddRange(critical.OrderByDescending(w => w.Length).Select(w => ("description", new[] { w })));
        if (conn.Db.IsSqlite && words.All(TrigramSearch.Indexable)) await filters.NarrowToRareWordsAsync(conn, TrigramSearch.Match(words, any: true));
        var queries = candidates
            .DistinctBy(c => c.Field + "\u0000" + string.Join("\u0000", c.Words))
            .Select(c => filters.KeywordCondition(c.Words, c.Field))
            .ToList();

        var collected = new Dictionary<string, string>();
        foreach (var condition in queries)
        {
            if (collected.Count >= maxResults) break;
            var args = new DynamicParameters(filters.Args);
            args.Add("take", 2 * maxResults);
            args.Add("seen", collected.Keys.ToArray());
            var exclude = collected.Count == 0 ? "" : " AND n.content_id NOT IN @seen";
            var hits = await conn.QueryAsync<Hit>(
                $"SELECT n.id, n.content_id FROM content_contentnode n WHERE {filters.Where} AND {condition}{exclude} ORDER BY n.lft, n.id LIMIT @take", args);
            foreach (var hit in hits)
            {
                if (collected.Count >= maxResults) break;
                collected.TryAdd(hit.ContentId, hit.Id);
            }
        }

        var any = "(" + string.Join(" OR ", queries) + ")";
        var total = await conn.ExecuteScalarAsync<long>($"SELECT COUNT(DISTINCT n.content_id) FROM content_contentnode n WHERE {filters.Where} AND {any}", filters.Args);
        var baseSet = filters.AllNodes ? "1 = 1" : "n.available = TRUE";
        var channelIds = (await conn.QueryAsync<string>(
            $"SELECT DISTINCT n.channel_id FROM content_contentnode n WHERE {baseSet} AND {any} ORDER BY n.channel_id", filters.Args)).ToList();
        var kinds = (await conn.QueryAsync<string>(
            $"SELECT DISTINCT n.kind FROM content_contentnode n WHERE {baseSet} AND {any} ORDER BY n.kind", filters.Args)).ToList();
        var results = collected.Count == 0 ? [] : await ContentNodeProjection.LoadAsync(conn,
            $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE n.id IN @ids ORDER BY n.tree_id, n.lft, n.id",
            new { ids = collected.Values.ToArray() });
        if (id is not null && results.Count == 0) return KolibriErrors.NotFound(http);
        return Results.Json(new SearchResults { ChannelIds = channelIds, ContentKinds = kinds, Results = results, TotalResults = total });
    }
}
