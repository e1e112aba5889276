using System.Text.Json.Nodes;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// A POST body that is one object or an array of them (DRF's bulk create on membership and role). Every element is
/// read as its own <see cref="JsonBody"/>; the first element with field errors answers for all.
/// </summary>
public sealed class BatchBody
{
    private BatchBody(IReadOnlyList<JsonBody> elements, bool isArray)
    {
        Elements = elements;
        IsArray = isArray;
    }

    public IReadOnlyList<JsonBody> Elements { get; }
    public bool IsArray { get; }

    public static async Task<(BatchBody Batch, IResult? Error)> ReadAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadAsync(request, allowArray: true);
        if (error is not null) return (new BatchBody([], false), error);
        if (body.Root is not JsonArray array) return (new BatchBody([body], false), null);
        var elements = new List<JsonBody>();
        foreach (var item in array)
        {
            if (item is not JsonObject obj)
                return (new BatchBody([], true), KolibriErrors.Invalid("INVALID", "non_field_errors",
                    $"Invalid data. Expected a dictionary, but got {JsonBody.DrfTypeName(item)}."));
            elements.Add(JsonBody.For(obj));
        }
        return (new BatchBody(elements, true), null);
    }

    public IResult? FieldErrors => Elements.Select(e => e.Errors).FirstOrDefault(e => e is not null);

    /// <summary>
    /// Object-level errors (e.g. UNIQUE): for one object Kolibri's flat list; for an array DRF's unflattened list,
    /// one object per element (<c>{}</c> where fine).
    /// </summary>
    public IResult ObjectErrors(IReadOnlyList<string?> messages, string id)
    {
        if (!IsArray) return KolibriErrors.Invalid(id, "non_field_errors", messages[0]!);
        var list = new JsonArray();
        foreach (var message in messages)
            list.Add(message is null ? new JsonObject() : new JsonObject { ["non_field_errors"] = new JsonArray(message) });
        return Results.Content(list.ToJsonString(), "application/json", statusCode: 400);
    }

    /// <summary>201 with the created object, or the array of them.</summary>
    public IResult Created<T>(IReadOnlyList<T> created) =>
        IsArray ? Results.Json(created, statusCode: 201) : Results.Json(created[0], statusCode: 201);
}
