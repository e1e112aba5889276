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
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn);
        if (filters.Error is { } error) return error;

        if (MaxResults(http.Request) is not { } pageSize)
            return Results.Json(await ContentNodeProjection.LoadAsync(conn,
                $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE {filters.Where} ORDER BY {filters.OrderBy}", filters.Args));

        var cursor = NodeCursor.Parse(Last(http.Request, "cursor"), out var valid);
        if (!valid) return KolibriErrors.NotFound(http);
        var page = await PageAsync(conn, filters, cursor, pageSize);
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

    /// <summary>One cursor page over (lft, id): rows after the position, skipping the offset, one extra to see a next page.</summary>
    public static async Task<Page> PageAsync(DbConn conn, NodeFilters filters, NodeCursor? cursor, int pageSize)
    {
        var where = filters.Where;
        var args = new DynamicParameters(filters.Args);
        var reverse = cursor?.Reverse ?? false;
        if (cursor?.Position is { } position)
        {
            where += reverse ? " AND n.lft < @cursorPosition" : " AND n.lft > @cursorPosition";
            args.Add("cursorPosition", position);
        }
        args.Add("cursorLimit", pageSize + 1);
        args.Add("cursorOffset", cursor?.Offset ?? 0);
        var order = reverse ? "n.lft DESC, n.id DESC" : "n.lft, n.id";
        var rows = await ContentNodeProjection.QueryRowsAsync(conn,
            $"SELECT {ContentNodeProjection.Columns} FROM {ContentNodeProjection.From} WHERE {where} ORDER BY {order} LIMIT @cursorLimit OFFSET @cursorOffset", args);
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
