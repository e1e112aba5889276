using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Collections;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Lessons.Lessons;

/// <summary>The lesson as /api/lessons/lesson/ sends it: one query for the lessons, two for assignments and learners.</summary>
public static class LessonObject
{
    public sealed record Classroom
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public string? Parent { get; init; }
    }

    public sealed record Row
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Description { get; init; }
        public required bool Active { get; init; }
        public required RawJson Resources { get; init; }
        public required string Collection { get; init; }
        public required string ClassroomName { get; init; }
        public string? ClassroomParent { get; init; }
        public string? CreatedBy { get; init; }
        public required string DateCreated { get; init; }
    }

    public sealed record Item
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Description { get; init; }
        public required bool Active { get; init; }
        public required RawJson Resources { get; init; }
        public required string Collection { get; init; }
        public required Classroom Classroom { get; init; }
        public string? CreatedBy { get; init; }
        public required string DateCreated { get; init; }
        public required IReadOnlyList<string> Assignments { get; init; }
        public required IReadOnlyList<string> LearnerIds { get; init; }
    }

    public const string Select = """
        SELECT l.id, l.title, l.description, l.is_active AS active, l.resources, l.collection_id AS collection,
            c.name AS classroom_name, c.parent_id AS classroom_parent, l.created_by_id AS created_by, l.date_created
        FROM lessons_lesson l JOIN kolibriauth_collection c ON c.id = l.collection_id
        """;

    public const string Order = "ORDER BY l.date_created DESC, l.id";

    public static async Task<List<Item>> LoadAsync(DbConn conn, string where, DynamicParameters args)
    {
        var rows = (await conn.QueryAsync<Row>($"{Select} WHERE {where} {Order}", args)).ToList();
        var (collections, learners) = await Assignments.LoadAsync(conn, AssignmentTable.Lessons, rows.Select(r => r.Id).ToList());
        return rows.Select(r => new Item
        {
            Id = r.Id, Title = r.Title, Description = r.Description, Active = r.Active, Resources = r.Resources,
            Collection = r.Collection, Classroom = new Classroom { Id = r.Collection, Name = r.ClassroomName, Parent = r.ClassroomParent },
            CreatedBy = r.CreatedBy, DateCreated = r.DateCreated, Assignments = collections[r.Id].ToList(), LearnerIds = learners[r.Id].ToList(),
        }).ToList();
    }

    public static async Task<Item?> OneAsync(DbConn conn, string id)
    {
        var args = new DynamicParameters(new { id });
        return (await LoadAsync(conn, "l.id = @id", args)).SingleOrDefault();
    }

    /// <summary>List filters (collection, id) plus visibility; a 400 for an unknown collection.</summary>
    public static async Task<(string? Where, DynamicParameters Args, IResult? Error)> FilterAsync(HttpContext http, DbConn conn)
    {
        var query = new QueryParams(http.Request);
        var collection = query.ModelChoice("collection");
        var id = query.Get("id");
        if (collection is not null && (await Assignments.UnknownCollectionsAsync(conn, [collection])).Count > 0) query.ChoiceNotFound("collection");
        if (query.Errors is { } error) return (null, new DynamicParameters(), error);
        var args = new DynamicParameters();
        var where = new List<string> { Readable.CoachedClassrooms(CurrentUser.Of(http), "l", args) };
        if (collection is not null)
        {
            where.Add("l.collection_id = @collection");
            args.Add("collection", collection);
        }
        if (id is not null)
        {
            where.Add("l.id = @lesson_id");
            args.Add("lesson_id", Ids.Normalize(id) ?? "");
        }
        return (string.Join(" AND ", where), args, null);
    }
}
