using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Coach;

/// <summary>Who may use the coach reports: admins and coaches of a classroom (groups count as their classroom).</summary>
public static class CoachAccess
{
    public sealed record Place
    {
        public required string ClassroomId { get; init; }
        public required string FacilityId { get; init; }
    }

    private const string PlaceSql = """
        SELECT CASE WHEN c.kind = 'classroom' THEN c.id WHEN c.kind = 'facility' THEN c.id ELSE p.id END AS classroom_id,
               CASE WHEN c.kind = 'facility' THEN c.id WHEN p.kind = 'facility' THEN p.id ELSE p.parent_id END AS facility_id
        FROM kolibriauth_collection c LEFT JOIN kolibriauth_collection p ON p.id = c.parent_id WHERE c.id = @id
        """;

    /// <summary>True when the caller coaches the collection; unknown collections are nobody's.</summary>
    public static async Task<bool> CoachesAsync(DbConn conn, CurrentUser? user, string? collectionId)
    {
        if (user is null || collectionId is null) return false;
        var place = await conn.QuerySingleOrDefaultAsync<Place>(PlaceSql, new { id = collectionId });
        return place is not null && Readable.CoachesCollection(user, place.ClassroomId, place.FacilityId);
    }
}
