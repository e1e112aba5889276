namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// Typed query-string filters as django-filter reads them: unknown keys ignored, empty value = filter off,
/// repeated key = last wins; bad values collect Kolibri's 400 errors.
/// </summary>
public sealed class QueryParams(HttpRequest request)
{
    private readonly List<KolibriError> _errors = [];

    public IResult? Errors => _errors.Count > 0 ? KolibriErrors.Invalid(_errors) : null;

    public void AddError(string id, string field, string message) => _errors.Add(KolibriError.Field(id, field, message));

    public string? Get(string name)
    {
        var values = request.Query[name];
        return values.Count == 0 || string.IsNullOrEmpty(values[^1]) ? null : values[^1];
    }

    public string? Uuid(string name)
    {
        if (Get(name) is not { } raw) return null;
        if (Ids.Normalize(raw) is { } id) return id;
        AddError("INVALID", name, "Enter a valid UUID.");
        return null;
    }

    public string? Choice(string name, IReadOnlyCollection<string> choices)
    {
        if (Get(name) is not { } raw) return null;
        if (choices.Contains(raw)) return raw;
        AddError("INVALID_CHOICE", name, $"Select a valid choice. {raw} is not one of the available choices.");
        return null;
    }

    /// <summary>An id that must name an existing row: INVALID_CHOICE when malformed or (after the lookup) unknown.</summary>
    public string? ModelChoice(string name)
    {
        if (Get(name) is not { } raw) return null;
        if (Ids.Normalize(raw) is { } id) return id;
        ChoiceNotFound(name);
        return null;
    }

    public void ChoiceNotFound(string name) =>
        AddError("INVALID_CHOICE", name, "Select a valid choice. That choice is not one of the available choices.");

    public bool? Bool(string name)
    {
        if (Get(name) is not { } raw) return null;
        if (JsonBody.ParseBool(raw) is { } value) return value;
        AddError("INVALID", name, "Enter a valid boolean.");
        return null;
    }

    public int? Int(string name)
    {
        if (Get(name) is not { } raw) return null;
        if (int.TryParse(raw, out var value)) return value;
        AddError("INVALID", name, "Enter a number.");
        return null;
    }

    /// <summary>Comma-separated ids (e.g. <c>user_ids</c>); malformed entries are an error, not a 500.</summary>
    public string[]? IdList(string name)
    {
        if (Get(name) is not { } raw) return null;
        var ids = new List<string>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Ids.Normalize(part) is { } id) ids.Add(id);
            else
            {
                AddError("INVALID", name, "Enter a valid UUID.");
                return null;
            }
        }
        return ids.ToArray();
    }
}
