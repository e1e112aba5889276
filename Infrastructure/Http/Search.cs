using Dapper;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// DRF's SearchFilter: <c>?search=</c> split on whitespace and commas; every term must match (AND) at least one of
/// the fields (OR), case-insensitively, as a substring or (prefix: true) a prefix.
/// </summary>
public static class Search
{
    /// <summary>
    /// An SQLite FTS5 trigram table over the searched fields whose rowids are the searched rows' rowids (see migration
    /// M0102): it narrows a substring search to candidate rows before the LIKE decides, instead of scanning the table.
    /// </summary>
    public sealed record TrigramIndex(string Table, string RowId);

    public static string[] Terms(HttpRequest request, string parameter = "search")
    {
        var values = request.Query[parameter];
        var raw = values.Count == 0 ? null : values[^1];
        return string.IsNullOrWhiteSpace(raw)
            ? []
            : raw.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// SQL that is true when every term matches; adds its parameters as <c>@search0..n</c>. With an
    /// <paramref name="index"/>, terms of three characters or more (the trigram index cannot look up shorter ones)
    /// first pick candidate rows from it; the LIKE still decides, so the answer is the same with or without it.
    /// </summary>
    public static string Where(string[] terms, IReadOnlyList<string> fields, DynamicParameters args, bool prefix = false, TrigramIndex? index = null)
    {
        if (terms.Length == 0) return "1 = 1";
        var clauses = new List<string>();
        var indexed = terms.Where(TrigramSearch.Indexable).ToArray();
        if (index is not null && indexed.Length > 0)
        {
            args.Add("search_match", TrigramSearch.Match(indexed));
            clauses.Add($"{index.RowId} IN (SELECT rowid FROM {index.Table} WHERE {index.Table} MATCH @search_match)");
        }
        for (var i = 0; i < terms.Length; i++)
        {
            var name = "search" + i;
            args.Add(name, (prefix ? "" : "%") + EscapeLike(terms[i].ToLowerInvariant()) + "%");
            clauses.Add("(" + string.Join(" OR ", fields.Select(f => $"LOWER({f}) LIKE @{name} ESCAPE '\\'")) + ")");
        }
        return string.Join(" AND ", clauses);
    }

    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
