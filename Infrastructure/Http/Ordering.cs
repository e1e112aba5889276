namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// DRF's OrderingFilter: <c>?ordering=name</c> or <c>-name</c>, names checked against a whitelist that maps each
/// public field to its SQL expression, so nothing from the query string reaches SQL.
/// </summary>
public sealed record Ordering(string Field, string Expression, bool Descending)
{
    public string Sql => $"{Expression} {(Descending ? "DESC" : "ASC")}";

    /// <summary>
    /// Parses <c>ordering</c>. Unknown names are dropped (DRF) unless <paramref name="rejectUnknown"/>; more than one
    /// valid name is a 400 <c>["Can only define a single ordering field"]</c>. No valid name gives the default.
    /// </summary>
    public static (Ordering? Ordering, IResult? Error) Parse(HttpRequest request, IReadOnlyDictionary<string, string> allowed,
        Ordering? fallback, bool rejectUnknown = false)
    {
        var values = request.Query["ordering"];
        var raw = values.Count == 0 ? null : values[^1];
        if (string.IsNullOrWhiteSpace(raw)) return (fallback, null);

        var chosen = new List<Ordering>();
        foreach (var term in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var descending = term.StartsWith('-');
            var name = descending ? term[1..] : term;
            if (name.Length == 0) continue;
            if (allowed.TryGetValue(name, out var expression)) chosen.Add(new Ordering(name, expression, descending));
            else if (rejectUnknown)
                return (null, KolibriErrors.Invalid("INVALID", "ordering", $"Invalid ordering field: {name}."));
        }
        return chosen.Count switch
        {
            0 => (fallback, null),
            1 => (chosen[0], null),
            _ => (null, KolibriErrors.Messages("Can only define a single ordering field")),
        };
    }
}
