using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ContentRequests;

/// <summary>A user's download request as /api/content/contentrequest/ shows it (content.md §7.3).</summary>
public sealed record ContentRequestObject
{
    public const string SourceModel = "facilityuser";

    public required string Id { get; init; }
    public required string RequestedAt { get; init; }
    public required string Reason { get; init; }
    public required string ContentnodeId { get; init; }
    public RawJson? Metadata { get; init; }
    public required string Status { get; init; }
    public required string Facility { get; init; }
    public required string SourceId { get; init; }

    /// <summary>The user's download requests not cancelled by a later, non-failed removal request.</summary>
    private const string Sql = """
        SELECT d.id, d.requested_at, d.reason, d.contentnode_id, d.metadata, d.status, d.facility_id AS facility, d.source_id
        FROM content_contentrequest d
        WHERE d.type = 'DOWNLOAD' AND d.reason = 'USER_INITIATED' AND d.source_model = 'facilityuser' AND d.source_id = @userId
            AND NOT EXISTS (
                SELECT 1 FROM content_contentrequest r
                WHERE r.type = 'REMOVAL' AND r.source_model = d.source_model AND r.source_id = d.source_id
                    AND r.contentnode_id = d.contentnode_id AND r.status <> 'FAILED' AND r.requested_at >= d.requested_at)
            AND {0}
        ORDER BY d.requested_at, d.id
        """;

    public static async Task<List<ContentRequestObject>> QueryAsync(DbConn conn, string userId, string where = "1 = 1", object? args = null)
    {
        var parameters = new Dapper.DynamicParameters(args);
        parameters.Add("userId", userId);
        return (await conn.QueryAsync<ContentRequestObject>(string.Format(Sql, where), parameters)).ToList();
    }
}
