using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;

namespace KolibriSlices.Infrastructure.Database;

/// <summary>A JSON document stored as text (Kolibri's JSONField) and sent to the client as-is, unparsed.</summary>
[JsonConverter(typeof(Converter))]
public sealed class RawJson(string text)
{
    public string Text { get; } = text;

    /// <summary>Written without being read through first: JSON the database wrote itself (json_object, row_to_json).</summary>
    private bool IsTrusted { get; init; }

    public static RawJson Trusted(string text) => new(text) { IsTrusted = true };

    public static RawJson From<T>(T value) => new(JsonSerializer.Serialize(value));

    public override string ToString() => Text;

    public sealed class Handler : SqlMapper.TypeHandler<RawJson>
    {
        public override RawJson Parse(object value) => new(Convert.ToString(value) ?? "null");
        public override void SetValue(IDbDataParameter parameter, RawJson? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = (object?)value?.Text ?? DBNull.Value;
        }
    }

    public sealed class Converter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            return new RawJson(doc.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Text, skipInputValidation: value.IsTrusted);
    }
}
