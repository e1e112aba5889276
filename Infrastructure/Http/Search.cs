using Dapper;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// DRF's SearchFilter: <c>?search=</c> split on whitespace and commas; every term must match (AND) at least one of
/// the fields (OR), case-insensitively, as a substring or (prefix: true) a prefix.
/// </summary>
public static class Search
{
    public static string[] Terms(HttpRequest request, string parameter = "search")
    {
        var values = request.Query[parameter];
        var raw = values.Count == 0 ? null : values[^1];
        return string.IsNullOrWhiteSpace(raw)
            ? []
            : raw.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>SQL that is true when every term matches; adds its parameters as <c>@search0..n</c>.</summary>
    public static string Where(string[] terms, IReadOnlyList<string> fields, DynamicParameters args, bool prefix = false)
    {
        if (terms.Length == 0) return "1 = 1";
        var clauses = new List<string>();
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
