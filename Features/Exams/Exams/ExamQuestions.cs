using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary><c>question_sources</c>: version-3 sections in, and the exercise ids of any stored version out.</summary>
public static class ExamQuestions
{
    public const int MaxQuestionsPerSection = 25;

    /// <summary>Validates and normalises the sections; errors are reported on <c>question_sources</c>.</summary>
    public static JsonArray? Read(JsonBody body)
    {
        if (!body.Object.TryGetPropertyValue("question_sources", out var node)) return null;
        if (node is not JsonArray sections)
        {
            body.AddError("NOT_A_LIST", "question_sources", "Expected a list of sections.");
            return null;
        }
        var clean = new JsonArray();
        foreach (var element in sections)
        {
            if (element is not JsonObject section) return Fail(body, "Each section must be an object.");
            var questions = new JsonArray();
            if (section["questions"] is { } questionsNode)
            {
                if (questionsNode is not JsonArray list) return Fail(body, "questions must be a list.");
                if (list.Count > MaxQuestionsPerSection) return Fail(body, $"A section holds at most {MaxQuestionsPerSection} questions.");
                foreach (var q in list)
                {
                    if (q is not JsonObject question) return Fail(body, "Each question must be an object.");
                    var exercise = Id(question["exercise_id"]);
                    var questionId = Id(question["question_id"]);
                    if (exercise is null || questionId is null) return Fail(body, "Each question needs a valid exercise_id and question_id.");
                    if (question["counter_in_exercise"] is not JsonValue counter || counter.GetValueKind() != JsonValueKind.Number
                        || !counter.TryGetValue(out int counterValue))
                        return Fail(body, "Each question needs an integer counter_in_exercise.");
                    var title = question["title"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "";
                    questions.Add(new JsonObject
                    {
                        ["exercise_id"] = exercise, ["question_id"] = questionId, ["title"] = title, ["counter_in_exercise"] = counterValue,
                    });
                }
            }
            clean.Add(new JsonObject
            {
                ["section_title"] = Text(section["section_title"]),
                ["description"] = Text(section["description"]),
                ["learners_see_fixed_order"] = JsonBody.ParseBool(section["learners_see_fixed_order"]) ?? false,
                ["questions"] = questions,
            });
        }
        return clean;
    }

    private static JsonArray? Fail(JsonBody body, string message)
    {
        body.AddError("INVALID", "question_sources", message);
        return null;
    }

    private static string? Id(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Ids.Normalize(v.GetValue<string>()) : null;

    private static string Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    public static int Count(JsonArray sections) => sections.Sum(s => (s?["questions"] as JsonArray)?.Count ?? 0);

    public static JsonArray WithoutEmptySections(JsonArray sections) =>
        new(sections.Where(s => ((s?["questions"] as JsonArray)?.Count ?? 0) > 0).Select(s => s!.DeepClone()).ToArray());

}
