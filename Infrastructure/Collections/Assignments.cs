using Dapper;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Infrastructure.Collections;

/// <summary>Which assignment table a lesson or quiz uses: lessons_lessonassignment(lesson_id) or exams_examassignment(exam_id).</summary>
public sealed record AssignmentTable(string Table, string ForeignKey)
{
    public static readonly AssignmentTable Lessons = new("lessons_lessonassignment", "lesson_id");
    public static readonly AssignmentTable Exams = new("exams_examassignment", "exam_id");
}

/// <summary>
/// Lesson and quiz assignments: to collections (classroom, groups) and to individual learners through one ad-hoc group per
/// lesson/quiz (kind adhoclearnersgroup, named "Ad hoc", under the classroom), as Kolibri models them.
/// </summary>
public static class Assignments
{
    public const string AdHocKind = "adhoclearnersgroup";

    public sealed record Assigned
    {
        public required string OwnerId { get; init; }
        public required string CollectionId { get; init; }
        public required string Kind { get; init; }
    }

    public sealed record Member
    {
        public required string OwnerId { get; init; }
        public required string UserId { get; init; }
    }

    /// <summary>Non-ad-hoc assigned collections and ad-hoc learners per owner, two queries for any number of owners.</summary>
    public static async Task<(ILookup<string, string> Collections, ILookup<string, string> Learners)> LoadAsync(DbConn conn, AssignmentTable t, IReadOnlyCollection<string> ownerIds)
    {
        if (ownerIds.Count == 0) return (Array.Empty<string>().ToLookup(x => x), Array.Empty<string>().ToLookup(x => x));
        var ids = ownerIds.ToArray();
        var assigned = await conn.QueryAsync<Assigned>($"""
            SELECT a.{t.ForeignKey} AS owner_id, a.collection_id, c.kind FROM {t.Table} a JOIN kolibriauth_collection c ON c.id = a.collection_id
            WHERE a.{t.ForeignKey} IN @ids ORDER BY a.collection_id
            """, new { ids });
        var members = await conn.QueryAsync<Member>($"""
            SELECT a.{t.ForeignKey} AS owner_id, m.user_id FROM {t.Table} a
            JOIN kolibriauth_collection c ON c.id = a.collection_id AND c.kind = '{AdHocKind}'
            JOIN kolibriauth_membership m ON m.collection_id = c.id
            WHERE a.{t.ForeignKey} IN @ids ORDER BY m.user_id
            """, new { ids });
        return (assigned.Where(a => a.Kind != AdHocKind).ToLookup(a => a.OwnerId, a => a.CollectionId),
            members.ToLookup(m => m.OwnerId, m => m.UserId));
    }

    /// <summary>Adds and removes collection assignments so they equal <paramref name="collectionIds"/>; the ad-hoc one stays.</summary>
    public static async Task SyncCollectionsAsync(DbConn conn, AssignmentTable t, string ownerId, IReadOnlyCollection<string> collectionIds, string? assignedBy)
    {
        var wanted = collectionIds.Distinct().ToArray();
        await conn.ExecuteAsync($"""
            DELETE FROM {t.Table} WHERE {t.ForeignKey} = @ownerId
              AND collection_id NOT IN (SELECT id FROM kolibriauth_collection WHERE kind = '{AdHocKind}')
              AND NOT (collection_id IN @wanted)
            """, new { ownerId, wanted });
        foreach (var collection in wanted)
            await conn.ExecuteAsync($"""
                INSERT INTO {t.Table} (id, {t.ForeignKey}, collection_id, assigned_by_id, dataset_id)
                SELECT @id, @ownerId, c.id, @assignedBy, c.dataset_id FROM kolibriauth_collection c
                WHERE c.id = @collection AND c.kind <> '{AdHocKind}'
                ON CONFLICT ({t.ForeignKey}, collection_id) DO NOTHING
                """, new { id = Ids.New(), ownerId, collection, assignedBy });
    }

    /// <summary>
    /// Makes the owner's ad-hoc group hold exactly <paramref name="learnerIds"/>: none removes the group (and so its
    /// assignment); otherwise the group and its assignment are created when missing and the memberships synced.
    /// </summary>
    public static async Task SyncLearnersAsync(DbConn conn, AssignmentTable t, string ownerId, string classroomId, IReadOnlyCollection<string> learnerIds, string? assignedBy)
    {
        var groupId = await conn.ExecuteScalarAsync<string?>($"""
            SELECT c.id FROM {t.Table} a JOIN kolibriauth_collection c ON c.id = a.collection_id
            WHERE a.{t.ForeignKey} = @ownerId AND c.kind = '{AdHocKind}'
            """, new { ownerId });
        var wanted = learnerIds.Distinct().ToArray();
        if (wanted.Length == 0)
        {
            if (groupId is not null) await conn.ExecuteAsync("DELETE FROM kolibriauth_collection WHERE id = @groupId", new { groupId });
            return;
        }
        if (groupId is null)
        {
            groupId = Ids.New();
            await conn.ExecuteAsync($"""
                INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id)
                SELECT @groupId, 'Ad hoc', '{AdHocKind}', dataset_id, id FROM kolibriauth_collection WHERE id = @classroomId
                """, new { groupId, classroomId });
            await conn.ExecuteAsync($"""
                INSERT INTO {t.Table} (id, {t.ForeignKey}, collection_id, assigned_by_id, dataset_id)
                SELECT @id, @ownerId, id, @assignedBy, dataset_id FROM kolibriauth_collection WHERE id = @groupId
                """, new { id = Ids.New(), ownerId, groupId, assignedBy });
        }
        await conn.ExecuteAsync("DELETE FROM kolibriauth_membership WHERE collection_id = @groupId AND NOT (user_id IN @wanted)", new { groupId, wanted });
        foreach (var userId in wanted)
            await conn.ExecuteAsync("""
                INSERT INTO kolibriauth_membership (id, user_id, collection_id, dataset_id)
                SELECT @id, @userId, id, dataset_id FROM kolibriauth_collection WHERE id = @groupId
                ON CONFLICT (user_id, collection_id) DO NOTHING
                """, new { id = Ids.Deterministic(userId, groupId, "membership"), userId, groupId });
    }

    /// <summary>Removes the owner's ad-hoc group (with its memberships and assignment).</summary>
    public static Task DeleteAdHocAsync(DbConn conn, AssignmentTable t, string ownerId) =>
        conn.ExecuteAsync($"""
            DELETE FROM kolibriauth_collection WHERE kind = '{AdHocKind}'
              AND id IN (SELECT collection_id FROM {t.Table} WHERE {t.ForeignKey} = @ownerId)
            """, new { ownerId });

    /// <summary>Ids among <paramref name="ids"/> that name no existing collection.</summary>
    public static async Task<List<string>> UnknownCollectionsAsync(DbConn conn, IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0) return [];
        var known = (await conn.QueryAsync<string>("SELECT id FROM kolibriauth_collection WHERE id IN @ids", new { ids = ids.ToArray() })).ToHashSet();
        return ids.Where(id => !known.Contains(id)).ToList();
    }

    /// <summary>Ids among <paramref name="ids"/> that name no existing user.</summary>
    public static async Task<List<string>> UnknownUsersAsync(DbConn conn, IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0) return [];
        var known = (await conn.QueryAsync<string>("SELECT id FROM kolibriauth_facilityuser WHERE id IN @ids", new { ids = ids.ToArray() })).ToHashSet();
        return ids.Where(id => !known.Contains(id)).ToList();
    }

    /// <summary>Every learner is a direct member of the classroom (duplicates counted once).</summary>
    public static async Task<bool> AllMembersAsync(DbConn conn, string classroomId, IReadOnlyCollection<string> learnerIds)
    {
        var distinct = learnerIds.Distinct().ToArray();
        if (distinct.Length == 0) return true;
        var count = await conn.ExecuteScalarAsync<long>(
            "SELECT COUNT(DISTINCT user_id) FROM kolibriauth_membership WHERE collection_id = @classroomId AND user_id IN @distinct", new { classroomId, distinct });
        return count == distinct.Length;
    }

    /// <summary>The facility of a classroom (or the facility itself).</summary>
    public static Task<string?> FacilityOfAsync(DbConn conn, string collectionId) =>
        conn.ExecuteScalarAsync<string?>("""
            SELECT CASE WHEN c.kind = 'facility' THEN c.id WHEN p.kind = 'facility' THEN p.id ELSE p.parent_id END
            FROM kolibriauth_collection c LEFT JOIN kolibriauth_collection p ON p.id = c.parent_id WHERE c.id = @collectionId
            """, new { collectionId });

    /// <summary>Reads a JSON array of ids (dashed or not) into normalised ids; field errors as DRF's list field gives them.</summary>
    public static List<string>? IdList(JsonBody body, string field)
    {
        if (!body.Object.TryGetPropertyValue(field, out var node)) return null;
        if (node is not System.Text.Json.Nodes.JsonArray list)
        {
            body.AddError(node is null ? "NULL" : "NOT_A_LIST", field, $"Expected a list of items but got type \"{JsonBody.DrfTypeName(node)}\".");
            return null;
        }
        var ids = new List<string>();
        foreach (var element in list)
        {
            if (element is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && Ids.Normalize(v.GetValue<string>()) is { } id)
                ids.Add(id);
            else
            {
                body.AddError("DOES_NOT_EXIST", field, $"Invalid pk \"{element?.ToJsonString()}\" - object does not exist.");
                return null;
            }
        }
        return ids;
    }
}
