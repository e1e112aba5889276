using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>
/// GET /api/content/contentnode/: available nodes filtered per content.md §3; a bare array in tree order, or with a
/// positive <c>max_results</c> a cursor page <c>{"more", "results", "labels"}</c> ordered by (lft, id) (§4.1).
/// </summary>
public static class ListContentNodes
{
    public sealed record CursorPage
    {
        public required IReadOnlyDictionary<string, string>? More { get; init; }
        public required IReadOnlyList<ContentNodeObject> Results { get; init; }
        public required NodeLabelsObject Labels { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var maxResults = MaxResults(http.Request);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn, walk: maxResults is not null, deferWords: maxResults is not null);
        if (filters.Error is { } error) return error;

        if (maxResults is not { } pageSize)
            return Results.Json(await ContentNodeProjection.LoadAsync(conn,
                $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE {filters.Where} ORDER BY {filters.OrderBy}", filters.Args));

        var cursor = NodeCursor.Parse(Last(http.Request, "cursor"), out var valid);
        if (!valid) return KolibriErrors.NotFound(http);
        var page = filters.DeferredWordMatch is { } words
            ? await WordsPageAsync(conn, filters, words, cursor, pageSize)
            : await PageAsync(conn, filters, cursor, pageSize);
        return Results.Json(new CursorPage
        {
            More = page.Next is { } next ? MoreParams(http.Request, ("cursor", next.Encode())) : null,
            Results = page.Nodes,
            Labels = await NodeLabels.ComputeAsync(conn, filters),
        });
    }

    public sealed record Page
    {
        public required List<ContentNodeObject> Nodes { get; init; }
        public NodeCursor? Next { get; init; }
    }

    /// <summary>Indexed matches up to this many: a page of keywords is read through the trigram index at once.</summary>
    private const int FewMatches = 100;

    /// <summary>How many nodes the ordered walk reads at most for a page of keywords before the trigram index is used.</summary>
    private const int WalkWindow = 1000;

    /// <summary>
    /// A page of nodes holding the keywords (SQLite). A word on many nodes fills a page within the first rows of the
    /// ordered walk, so the walk is tried over the next <see cref="WalkWindow"/> nodes, and nothing else is read. When those
    /// do not hold a page of matches (a word of one subtree or channel far along the walk, or of few nodes), the filter is
    /// narrowed to the nodes the trigram index finds: their count, not the channel's size, is then the cost of the page,
    /// and of the labels that follow with the same filter. Reverse pages and the last nodes of the walk are decided as
    /// every other keyword filter is (<see cref="NodeFilters.NarrowToRareWordsAsync"/>).
    /// </summary>
    private static async Task<Page> WordsPageAsync(DbConn conn, NodeFilters filters, string words, NodeCursor? cursor, int pageSize)
    {
        var few = await NodeFilters.CountWordMatchesAsync(conn, words, FewMatches) <= FewMatches;
        var windowEnd = few || cursor is { Reverse: true } ? null : await conn.ExecuteScalarAsync<int?>(
            "SELECT lft FROM content_contentnode WHERE lft > @after ORDER BY lft LIMIT 1 OFFSET @window",
            new { after = cursor?.Position ?? int.MinValue, window = WalkWindow });
        if (windowEnd is not null)
        {
            var walked = await RowsAsync(conn, filters, cursor, pageSize, windowEnd);
            if (walked.Count > pageSize) return await PageOfAsync(conn, cursor, pageSize, walked);
        }
        if (few || windowEnd is not null) filters.NarrowToWords(words);
        else await filters.NarrowToRareWordsAsync(conn, words);
        return await PageAsync(conn, filters, cursor, pageSize);
    }

    /// <summary>One cursor page over (lft, id): rows after the position, skipping the offset, one extra to see a next page.</summary>
    public static async Task<Page> PageAsync(DbConn conn, NodeFilters filters, NodeCursor? cursor, int pageSize) =>
        await PageOfAsync(conn, cursor, pageSize, await RowsAsync(conn, filters, cursor, pageSize));

    /// <summary>
    /// The rows of a page and the one after it. With <paramref name="windowEnd"/>, only rows up to that lft: the same rows
    /// when there are more than a page of them, as every row of the whole walk up to that lft is among them, in order.
    /// </summary>
    private static async Task<List<ContentNodeProjection.NodeRow>> RowsAsync(DbConn conn, NodeFilters filters, NodeCursor? cursor, int pageSize, int? windowEnd = null)
    {
        var where = filters.Where;
        var args = new DynamicParameters(filters.Args);
        if (windowEnd is not null)
        {
            where += " AND n.lft <= @windowEnd";
            args.Add("windowEnd", windowEnd);
        }
        var reverse = cursor?.Reverse ?? false;
        if (cursor?.Position is { } position)
        {
            where += reverse ? " AND n.lft < @cursorPosition" : " AND n.lft > @cursorPosition";
            args.Add("cursorPosition", position);
        }
        args.Add("cursorLimit", pageSize + 1);
        args.Add("cursorOffset", cursor?.Offset ?? 0);
        var order = reverse ? "n.lft DESC, n.id DESC" : "n.lft, n.id";
        return await ContentNodeProjection.QueryRowsAsync(conn,
            $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE {where} ORDER BY {order} LIMIT @cursorLimit OFFSET @cursorOffset", args);
    }

    private static async Task<Page> PageOfAsync(DbConn conn, NodeCursor? cursor, int pageSize, List<ContentNodeProjection.NodeRow> rows)
    {
        var reverse = cursor?.Reverse ?? false;
        var pageRows = rows.Take(pageSize).ToList();
        if (reverse) pageRows.Reverse();
        var next = rows.Count > pageSize && !reverse
            ? NodeCursor.Next(cursor, pageRows.Select(r => r.Lft).ToList(), rows[pageSize].Lft, pageSize)
            : null;
        return new Page { Nodes = await ContentNodeProjection.SerializeAsync(conn, pageRows), Next = next };
    }

    /// <summary>Positive <c>max_results</c> turns pagination on; 0, negative or text leave it off.</summary>
    public static int? MaxResults(HttpRequest request) =>
        int.TryParse(Last(request, "max_results"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    public static string? Last(HttpRequest request, string name) =>
        request.Query[name] is { Count: > 0 } values ? values[^1] : null;

    /// <summary>Every request parameter (last value wins) plus the given overrides: what to send for the next page.</summary>
    public static Dictionary<string, string> MoreParams(HttpRequest request, params (string Key, string Value)[] overrides)
    {
        var more = new Dictionary<string, string>();
        foreach (var (key, values) in request.Query) more[key] = values.Count > 0 ? values[^1] ?? "" : "";
        foreach (var (key, value) in overrides) more[key] = value;
        return more;
    }
}
