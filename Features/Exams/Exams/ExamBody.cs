using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;
using AssignmentRules = KolibriSlices.Infrastructure.Collections.Assignments;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>The fields of a quiz body (id, seed, counts, creator and dates are ignored when sent).</summary>
public sealed record ExamBody
{
    public string? Title { get; init; }
    public string? Collection { get; init; }
    public JsonArray? QuestionSources { get; init; }
    public List<string>? Assignments { get; init; }
    public List<string>? LearnerIds { get; init; }
    public bool? LearnersSeeFixedOrder { get; init; }
    public bool? Active { get; init; }
    public bool? Archive { get; init; }
    public bool? Draft { get; init; }

    private const string TitleTakenSql = """
        SELECT (SELECT COUNT(*) FROM exams_exam WHERE collection_id = @collection AND LOWER(title) = LOWER(@title) AND id <> @selfExam)
             + (SELECT COUNT(*) FROM exams_draftexam WHERE collection_id = @collection AND LOWER(title) = LOWER(@title) AND id <> @selfDraft)
        """;

    /// <summary>Field validation plus the rules every quiz body obeys (learners are members, titles unique).</summary>
    public static async Task<(ExamBody? Body, IResult? Error)> ReadAsync(HttpContext http, DbConn conn, bool partial, bool creating,
        string? existingCollection = null, string? selfExam = null, long? selfDraft = null)
    {
        var (body, parseError) = await JsonBody.ReadAsync(http.Request, partial);
        if (parseError is not null) return (null, parseError);
        var title = body.String("title", required: true, maxLength: 200);
        var collection = body.Uuid("collection", required: true);
        var sources = ExamQuestions.Read(body);
        if (creating && !body.Has("question_sources")) body.AddError("REQUIRED", "question_sources", "This field is required.");
        var assignments = AssignmentRules.IdList(body, "assignments");
        if (!partial && !body.Has("assignments")) body.AddError("REQUIRED", "assignments", "This field is required.");
        var learnerIds = AssignmentRules.IdList(body, "learner_ids");
        var fixedOrder = body.Bool("learners_see_fixed_order");
        var active = body.Bool("active");
        var archive = body.Bool("archive");
        var draft = body.Bool("draft") ?? (partial ? null : true);
        if (collection is not null && (await AssignmentRules.UnknownCollectionsAsync(conn, [collection])).Count > 0)
            body.AddError("DOES_NOT_EXIST", "collection", $"Invalid pk \"{collection}\" - object does not exist.");
        if (assignments is not null && (await AssignmentRules.UnknownCollectionsAsync(conn, assignments)).FirstOrDefault() is { } unknownCollection)
            body.AddError("DOES_NOT_EXIST", "assignments", $"Invalid pk \"{unknownCollection}\" - object does not exist.");
        if (learnerIds is not null && (await AssignmentRules.UnknownUsersAsync(conn, learnerIds)).FirstOrDefault() is { } unknownUser)
            body.AddError("DOES_NOT_EXIST", "learner_ids", $"Invalid pk \"{unknownUser}\" - object does not exist.");
        if (body.Errors is { } errors) return (null, errors);

        var classroom = existingCollection ?? collection!;
        if (learnerIds is { Count: > 0 } && !await AssignmentRules.AllMembersAsync(conn, classroom, learnerIds))
            return (null, Invalid("Some learner_ids are not members of the collection."));
        if (title is not null && await conn.ExecuteScalarAsync<long>(TitleTakenSql, new { collection = classroom, title, selfExam = selfExam ?? "", selfDraft = selfDraft ?? -1 }) > 0)
            return (null, KolibriErrors.Invalid("UNIQUE", "non_field_errors", "The fields collection, title must make a unique set."));

        return (new ExamBody
        {
            Title = title, Collection = collection, QuestionSources = sources, Assignments = assignments, LearnerIds = learnerIds?.Distinct().ToList(),
            LearnersSeeFixedOrder = fixedOrder, Active = active, Archive = archive, Draft = draft,
        }, null);
    }

    public static IResult Invalid(string message) => KolibriErrors.Invalid("INVALID", "non_field_errors", message);
}
