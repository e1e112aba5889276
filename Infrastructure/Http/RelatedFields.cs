using System.Text.Json;
using System.Text.Json.Nodes;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>A primary-key field as sent: the raw text (for DRF's "Invalid pk" message) and its 32-hex form, if it has one.</summary>
public sealed record RelatedId(string Raw, string? Id);

/// <summary>DRF's PrimaryKeyRelatedField on top of <see cref="JsonBody"/>: type errors here, DOES_NOT_EXIST after the lookup.</summary>
public static class RelatedFields
{
    public static RelatedId? Pk(this JsonBody body, string field, bool required = false, bool allowNull = false)
    {
        if (!body.Object.TryGetPropertyValue(field, out var node))
        {
            if (required && !body.Partial) body.AddError("REQUIRED", field, "This field is required.");
            return null;
        }
        if (node is null)
        {
            if (!allowNull) body.AddError("NULL", field, "This field may not be null.");
            return null;
        }
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
        {
            var raw = v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
            return new RelatedId(raw, Ids.Normalize(raw));
        }
        body.AddError("INCORRECT_TYPE", field, $"Incorrect type. Expected pk value, received {JsonBody.DrfTypeName(node)}.");
        return null;
    }

    public static void DoesNotExist(this JsonBody body, string field, RelatedId id) =>
        body.AddError("DOES_NOT_EXIST", field, $"Invalid pk \"{id.Raw}\" - object does not exist.");
}
