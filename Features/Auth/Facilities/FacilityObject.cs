using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Auth.Facilities;

/// <summary>The facility as Kolibri sends it, with its dataset nested; one query for any number of facilities.</summary>
public static class FacilityObject
{
    public sealed record Facility
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required long NumClassrooms { get; init; }
        public required long NumUsers { get; init; }
        public string? LastSuccessfulSync { get; init; }
        public string? LastFailedSync { get; init; }
        public StoredDataset? Dataset { get; set; }
    }

    // Sync history lives in morango's tables, which a KolibriSlices device does not keep: both sync times are null.
    private const string Sql = $"""
        SELECT f.id, f.name,
               (SELECT COUNT(*) FROM kolibriauth_collection c WHERE c.parent_id = f.id AND c.kind = 'classroom') AS num_classrooms,
               (SELECT COUNT(*) FROM kolibriauth_facilityuser u WHERE u.facility_id = f.id) AS num_users,
               NULL AS last_successful_sync, NULL AS last_failed_sync,
               {StoredDataset.Columns}
        FROM kolibriauth_collection f
        JOIN kolibriauth_facilitydataset d ON d.id = f.dataset_id
        WHERE f.kind = 'facility' AND (@id IS NULL OR f.id = @id)
        ORDER BY f.name, f.id
        """;

    public static async Task<IReadOnlyList<Facility>> QueryAsync(DbConn conn, string? id = null) =>
        (await conn.Connection.QueryAsync<Facility, StoredDataset, Facility>(conn.Db.Sql(Sql), (facility, dataset) =>
        {
            facility.Dataset = dataset;
            return facility;
        }, new { id }, conn.Transaction, splitOn: "id")).ToList();
}
