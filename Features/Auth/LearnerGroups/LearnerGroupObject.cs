using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Auth.LearnerGroups;

/// <summary>The learner group as Kolibri sends it, with its members' ids; two queries for any number of groups.</summary>
public static class LearnerGroupObject
{
    public sealed record LearnerGroup
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Parent { get; init; }
        public IReadOnlyList<string> UserIds { get; set; } = [];
    }

    private sealed record Member
    {
        public required string CollectionId { get; init; }
        public required string UserId { get; init; }
    }

    /// <summary>Filter with <c>g.</c> (kolibriauth_collection).</summary>
    private static string Select(string where) => $"""
        SELECT g.id, g.name, g.parent_id AS parent
        FROM kolibriauth_collection g
        WHERE g.kind = 'learnergroup' AND {where}
        ORDER BY g.id
        """;

    private const string MembersSql = """
        SELECT m.collection_id, m.user_id FROM kolibriauth_membership m WHERE m.collection_id IN @ids ORDER BY m.user_id
        """;

    public static async Task<IReadOnlyList<LearnerGroup>> QueryAsync(DbConn conn, string where, object args)
    {
        var groups = (await conn.QueryAsync<LearnerGroup>(Select(where), args)).ToList();
        if (groups.Count == 0) return groups;
        var members = (await conn.QueryAsync<Member>(MembersSql, new { ids = groups.Select(g => g.Id).ToArray() }))
            .ToLookup(m => m.CollectionId, m => m.UserId);
        foreach (var group in groups) group.UserIds = members[group.Id].ToList();
        return groups;
    }

    public static async Task<LearnerGroup?> OneAsync(DbConn conn, string id) =>
        (await QueryAsync(conn, "g.id = @id", new { id })).FirstOrDefault();
}
