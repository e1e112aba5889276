using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Infrastructure.Collections;

/// <summary>
/// The content nodes a lesson or a quiz points at, read from the JSON they are stored with: a lesson's
/// <c>resources</c> and a quiz's <c>question_sources</c> of any stored version. Unreadable JSON points at nothing.
/// </summary>
public static class ContentReferences
{
    /// <summary>The <c>contentnode_id</c>s of a lesson's resources, in lesson order.</summary>
    public static List<string> LessonNodeIds(string? resources)
    {
        if (Parse(resources) is not JsonArray root) return [];
        return root.OfType<JsonObject>().Select(r => Text(r["contentnode_id"])).OfType<string>().ToList();
    }

    /// <summary>Exercise node ids of a quiz, distinct: v3 sections, v1/v2 flat questions, v0 exercise entries.</summary>
    public static List<string> QuizExerciseIds(string? questionSources)
    {
        if (Parse(questionSources) is not JsonArray root) return [];
        var ids = new List<string>();
        foreach (var entry in root.OfType<JsonObject>())
        {
            if (entry["questions"] is JsonArray questions)
                ids.AddRange(questions.OfType<JsonObject>().Select(q => Ids.Normalize(Text(q["exercise_id"]))).OfType<string>());
            else if (Ids.Normalize(Text(entry["exercise_id"])) is { } exercise)
                ids.Add(exercise);
        }
        return ids.Distinct().ToList();
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
