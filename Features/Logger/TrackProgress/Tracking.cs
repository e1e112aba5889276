using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.TrackProgress;

/// <summary>Rules both trackprogress operations share: progress rounding, criteria, quiz access, float fields.</summary>
public static class Tracking
{
    public static readonly string[] ContentKinds = ["topic", "video", "audio", "exercise", "document", "html5", "slideshow", "h5p", "zim", "quiz"];

    public static readonly string[] MasteryTypes =
        ["do_all", "num_correct_in_a_row_2", "num_correct_in_a_row_3", "num_correct_in_a_row_5", "num_correct_in_a_row_10", "skill_check", "m_of_n", "quiz"];

    /// <summary>Round up to 3 decimals, then clamp to [0, 1], in doubles as the client does.</summary>
    public static double Normalize(double progress) => Math.Clamp(Math.Ceiling(progress * 1000) / 1000, 0, 1);

    /// <summary>How many past attempts a try's criterion looks back on (all for quizzes).</summary>
    public static int? AttemptWindow(string criterion)
    {
        try
        {
            var node = JsonNode.Parse(criterion) as JsonObject;
            var type = node?["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
            return type switch
            {
                "quiz" => null,
                "m_of_n" when node!["n"] is JsonValue n && n.TryGetValue(out double value) && value >= 0 => (int)value,
                "num_correct_in_a_row_2" => 2,
                "num_correct_in_a_row_3" => 3,
                "num_correct_in_a_row_5" => 5,
                "num_correct_in_a_row_10" => 10,
                _ => 10,
            };
        }
        catch (JsonException)
        {
            return 10;
        }
    }

    public static bool IsCoachAssigned(string criterion)
    {
        try
        {
            return JsonNode.Parse(criterion) is JsonObject o && o["coach_assigned"] is JsonValue v
                && v.GetValueKind() == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private const string QuizAccessSql = """
        SELECT COUNT(*) FROM exams_exam e
        WHERE e.id = @quizId AND e.active = TRUE
          AND EXISTS (SELECT 1 FROM exams_examassignment ea JOIN kolibriauth_membership m ON m.collection_id = ea.collection_id
                      WHERE ea.exam_id = e.id AND m.user_id = @userId)
        """;

    /// <summary>A coach quiz may be taken while it is active and assigned to a collection the user belongs to.</summary>
    public static async Task<bool> CanTakeQuizAsync(DbConn conn, string quizId, string userId) =>
        await conn.ExecuteScalarAsync<long>(QuizAccessSql, new { quizId, userId }) > 0;

    private const string AnonymousDatasetSql = """
        SELECT c.dataset_id FROM kolibriauth_collection c
        LEFT JOIN device_devicesettings d ON d.default_facility_id = c.id
        WHERE c.kind = 'facility'
        ORDER BY CASE WHEN d.id IS NULL THEN 1 ELSE 0 END, c.id
        LIMIT 1
        """;

    /// <summary>Guest logs belong to the default facility's dataset.</summary>
    public static Task<string?> AnonymousDatasetAsync(DbConn conn) => conn.ExecuteScalarAsync<string?>(AnonymousDatasetSql);

    /// <summary>DRF FloatField with bounds: numbers or numeric strings.</summary>
    public static double? Float(JsonObject obj, string field, string path, Action<string, string, string> error, double? min = null, double? max = null, bool required = false)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            if (required) error("REQUIRED", path, "This field is required.");
            return null;
        }
        if (node is null)
        {
            error("NULL", path, "This field may not be null.");
            return null;
        }
        double value;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number) value = v.GetValue<double>();
        else if (node is JsonValue s && s.GetValueKind() == JsonValueKind.String
                 && double.TryParse(s.GetValue<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                 && double.IsFinite(parsed))
            value = parsed;
        else
        {
            error("INVALID", path, "A valid number is required.");
            return null;
        }
        if (min is { } lo && value < lo) { error("MIN_VALUE", path, $"Ensure this value is greater than or equal to {lo}."); return null; }
        if (max is { } hi && value > hi) { error("MAX_VALUE", path, $"Ensure this value is less than or equal to {hi}."); return null; }
        return value;
    }

    public static JsonObject ReadContext(string extraFields)
    {
        try
        {
            return JsonNode.Parse(extraFields) is JsonObject o && o["context"] is JsonObject c ? (JsonObject)c.DeepClone() : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string Timestamp(DateTimeOffset time) => KolibriTime.Format(time);
}
