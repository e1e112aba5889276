using System.Text.Json;
using System.Text.Json.Nodes;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// A request body read the way DRF reads it (JSON, form or multipart; empty = {}), with typed field readers that
/// collect Kolibri's 400 errors instead of throwing. Read every field, then return <see cref="Errors"/> if any.
/// </summary>
public sealed class JsonBody
{
    private readonly List<KolibriError> _errors = [];

    private JsonBody(JsonNode? root, bool partial)
    {
        Root = root;
        Object = root as JsonObject ?? [];
        Partial = partial;
    }

    /// <summary>The parsed document (an object, or an array for endpoints that accept lists).</summary>
    public JsonNode? Root { get; }
    public JsonObject Object { get; }
    /// <summary>PATCH semantics: nothing is required, only what is sent is validated.</summary>
    public bool Partial { get; }
    public bool HasErrors => _errors.Count > 0;
    public IResult? Errors => _errors.Count > 0 ? KolibriErrors.Invalid(_errors) : null;
    /// <summary>The errors collected so far, e.g. to re-file a nested object's errors under a dotted path.</summary>
    public IReadOnlyList<KolibriError> ErrorList => _errors;

    /// <summary>Reads the body; on unparsable input returns the 400/415 to send instead.</summary>
    public static async Task<(JsonBody Body, IResult? Error)> ReadAsync(HttpRequest request, bool partial = false, bool allowArray = false)
    {
        var (root, error) = await ParseAsync(request);
        if (error is not null) return (new JsonBody(null, partial), error);
        if (root is JsonObject || (allowArray && root is JsonArray))
            return (new JsonBody(root, partial), null);
        return (new JsonBody(null, partial), KolibriErrors.Invalid("INVALID", "non_field_errors",
            $"Invalid data. Expected a dictionary, but got {DrfTypeName(root)}."));
    }

    public static JsonBody For(JsonObject obj, bool partial = false) => new(obj, partial);

    private static async Task<(JsonNode? Root, IResult? Error)> ParseAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var obj = new JsonObject();
            foreach (var (key, value) in form) obj[key] = value.ToString();
            return (obj, null);
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(text)) return (new JsonObject(), null);

        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? "";
        if (!(mediaType.Length == 0 || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
              || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            return (null, KolibriErrors.Detail(415, $"Unsupported media type \"{mediaType}\" in request."));
        try
        {
            return (JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }), null);
        }
        catch (JsonException e)
        {
            return (null, KolibriErrors.Detail(400, "JSON parse error - " + e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]));
        }
    }

    public static string DrfTypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "list",
        JsonObject => "dict",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "str",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "int",
    };

    public bool Has(string field) => Object.ContainsKey(field);

    public void AddError(string id, string field, string message) => _errors.Add(KolibriError.Field(id, field, message));

    private bool Missing(string field, bool required, bool allowNull, out JsonNode? node)
    {
        if (!Object.TryGetPropertyValue(field, out node))
        {
            if (required && !Partial) AddError("REQUIRED", field, "This field is required.");
            return true;
        }
        if (node is null)
        {
            if (!allowNull) AddError("NULL", field, "This field may not be null.");
            return true;
        }
        return false;
    }

    /// <summary>DRF CharField: numbers become text, other types are INVALID, text is trimmed.</summary>
    public string? String(string field, bool required = false, int? maxLength = null, bool allowBlank = false, bool allowNull = false)
    {
        if (Missing(field, required, allowNull, out var node)) return null;
        string text;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) text = v.GetValue<string>();
        else if (node is JsonValue n && n.GetValueKind() == JsonValueKind.Number) text = n.ToJsonString();
        else
        {
            AddError("INVALID", field, "Not a valid string.");
            return null;
        }
        if (text.Contains('\0'))
        {
            AddError("NULL_CHARACTERS_NOT_ALLOWED", field, "Null characters are not allowed.");
            return null;
        }
        text = text.Trim();
        if (text.Length == 0 && !allowBlank)
        {
            AddError("BLANK", field, "This field may not be blank.");
            return null;
        }
        if (maxLength is { } max && text.Length > max)
        {
            AddError("MAX_LENGTH", field, $"Ensure this field has no more than {max} characters.");
            return null;
        }
        return text;
    }

    /// <summary>DRF BooleanField spellings.</summary>
    public bool? Bool(string field, bool required = false, bool allowNull = false)
    {
        if (Missing(field, required, allowNull, out var node)) return null;
        if (ParseBool(node) is { } value) return value;
        AddError("INVALID", field, "Must be a valid boolean.");
        return null;
    }

    public static bool? ParseBool(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        switch (v.GetValueKind())
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number:
                var d = v.GetValue<double>();
                return d == 1 ? true : d == 0 ? false : null;
            case JsonValueKind.String:
                return ParseBool(v.GetValue<string>());
            default: return null;
        }
    }

    public static bool? ParseBool(string? text) => text?.Trim() switch
    {
        "true" or "True" or "TRUE" or "1" or "on" or "On" or "ON" or "yes" or "y" or "Y" or "Yes" or "YES" or "t" or "T" => true,
        "false" or "False" or "FALSE" or "0" or "off" or "Off" or "OFF" or "no" or "n" or "N" or "No" or "NO" or "f" or "F" => false,
        _ => null,
    };

    public int? Int(string field, bool required = false, bool allowNull = false, int? min = null, int? max = null)
    {
        if (Missing(field, required, allowNull, out var node)) return null;
        int value;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            value = (int)d;
        else if (node is JsonValue s && s.GetValueKind() == JsonValueKind.String && int.TryParse(s.GetValue<string>().Trim(), out var parsed))
            value = parsed;
        else
        {
            AddError("INVALID", field, "A valid integer is required.");
            return null;
        }
        if (min is { } lo && value < lo) { AddError("MIN_VALUE", field, $"Ensure this value is greater than or equal to {lo}."); return null; }
        if (max is { } hi && value > hi) { AddError("MAX_VALUE", field, $"Ensure this value is less than or equal to {hi}."); return null; }
        return value;
    }

    public string? Choice(string field, IReadOnlyCollection<string> choices, bool required = false, bool allowNull = false, bool allowBlank = false)
    {
        if (Missing(field, required, allowNull, out var node)) return null;
        var text = node is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : node!.ToJsonString();
        if (text.Length == 0 && allowBlank) return "";
        if (choices.Contains(text)) return text;
        AddError("INVALID_CHOICE", field, $"\"{text}\" is not a valid choice.");
        return null;
    }

    /// <summary>A 32-hex id (dashed UUID spellings accepted), as a primary-key field: INVALID on bad shape.</summary>
    public string? Uuid(string field, bool required = false, bool allowNull = false)
    {
        if (Missing(field, required, allowNull, out var node)) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && Ids.Normalize(v.GetValue<string>()) is { } id) return id;
        AddError("INVALID", field, "Must be a valid UUID.");
        return null;
    }

    /// <summary>Any JSON value (DRF JSONField).</summary>
    public JsonNode? Json(string field, bool required = false, bool allowNull = true)
    {
        if (Missing(field, required, allowNull, out var node)) return null;
        return node;
    }
}
