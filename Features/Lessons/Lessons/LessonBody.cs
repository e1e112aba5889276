using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using AssignmentRules = KolibriSlices.Infrastructure.Collections.Assignments;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>The create/update body of a lesson, validated as Kolibri's serializer does (fields first, then the object).</summary>
public sealed record LessonBody
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public bool? Active { get; init; }
    public string? Collection { get; init; }
    public string? Resources { get; init; }
    public List<string>? Assignments { get; init; }
    public List<string>? LearnerIds { get; init; }

    private const string TitleTakenSql = """
        SELECT COUNT(*) FROM lessons_lesson WHERE collection_id = @collection AND LOWER(title) = LOWER(@title) AND id <> @self
        """;

    /// <summary>Field rules, then existence of referenced rows, then learner membership and title uniqueness.</summary>
    public static async Task<(LessonBody? Body, IResult? Error)> ReadAsync(HttpContext http, DbConn conn, bool partial, bool requireCollection,
        string? selfId = null, string? existingCollection = null)
    {
        var (body, parseError) = await JsonBody.ReadAsync(http.Request, partial);
        if (parseError is not null) return (null, parseError);
        var title = body.String("title", required: true, maxLength: 50);
        var description = body.String("description", maxLength: 200, allowBlank: true);
        var active = body.Bool("active");
        var collection = body.Uuid("collection", required: requireCollection);
        var resources = ReadResources(body);
        var assignments = AssignmentRules.IdList(body, "assignments");
        var learnerIds = AssignmentRules.IdList(body, "learner_ids");
        if (collection is not null && (await AssignmentRules.UnknownCollectionsAsync(conn, [collection])).Count > 0)
            body.AddError("DOES_NOT_EXIST", "collection", $"Invalid pk \"{collection}\" - object does not exist.");
        if (assignments is not null && (await AssignmentRules.UnknownCollectionsAsync(conn, assignments)).FirstOrDefault() is { } unknownCollection)
            body.AddError("DOES_NOT_EXIST", "assignments", $"Invalid pk \"{unknownCollection}\" - object does not exist.");
        if (learnerIds is not null && (await AssignmentRules.UnknownUsersAsync(conn, learnerIds)).FirstOrDefault() is { } unknownUser)
            body.AddError("DOES_NOT_EXIST", "learner_ids", $"Invalid pk \"{unknownUser}\" - object does not exist.");
        if (body.Errors is { } errors) return (null, errors);

        var classroom = existingCollection ?? collection;
        if (classroom is not null && learnerIds is { Count: > 0 } && !await AssignmentRules.AllMembersAsync(conn, classroom, learnerIds))
            return (null, KolibriErrors.Invalid("INVALID", "non_field_errors", "Some learner_ids are not members of the collection."));
        if (title is not null && classroom is not null
            && await conn.ExecuteScalarAsync<long>(TitleTakenSql, new { collection = classroom, title, self = selfId ?? "" }) > 0)
            return (null, KolibriErrors.Invalid("UNIQUE", "non_field_errors", "The fields collection, title must make a unique set."));

        return (new LessonBody
        {
            Title = title, Description = description, Active = active, Collection = collection, Resources = resources,
            Assignments = assignments, LearnerIds = learnerIds,
        }, null);
    }

    /// <summary>Each resource keeps exactly contentnode_id, content_id and channel_id, as undashed ids.</summary>
    private static string? ReadResources(JsonBody body)
    {
        if (!body.Object.TryGetPropertyValue("resources", out var node)) return null;
        if (node is not JsonArray list)
        {
            body.AddError("INVALID", "resources", "Expected a list of resources.");
            return null;
        }
        var clean = new JsonArray();
        foreach (var element in list)
        {
            var resource = new JsonObject();
            foreach (var key in new[] { "contentnode_id", "content_id", "channel_id" })
            {
                var value = element is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Ids.Normalize(v.GetValue<string>()) : null;
                if (value is null)
                {
                    body.AddError("INVALID", "resources", $"Every resource needs a valid {key}.");
                    return null;
                }
                resource[key] = value;
            }
            clean.Add(resource);
        }
        return clean.ToJsonString();
    }
}
