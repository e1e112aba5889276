using Dapper;
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
        public Dataset? Dataset { get; set; }
    }

    public sealed record Dataset
    {
        public required string Id { get; init; }
        public required bool LearnerCanEditUsername { get; init; }
        public required bool LearnerCanEditName { get; init; }
        public required bool LearnerCanEditPassword { get; init; }
        public required bool LearnerCanSignUp { get; init; }
        public required bool LearnerCanDeleteAccount { get; init; }
        public required bool LearnerCanLoginWithNoPassword { get; init; }
        public required bool ShowDownloadButtonInLearn { get; init; }
        public RawJson? ExtraFields { get; init; }
        public required string Description { get; init; }
        public required string Location { get; init; }
        public required bool Registered { get; init; }
        public required string Preset { get; init; }
    }

    // Sync history lives in morango's tables, which a KolibriSlices device does not keep: both sync times are null.
    private const string Sql = """
        SELECT f.id, f.name,
               (SELECT COUNT(*) FROM kolibriauth_collection c WHERE c.parent_id = f.id AND c.kind = 'classroom') AS num_classrooms,
               (SELECT COUNT(*) FROM kolibriauth_facilityuser u WHERE u.facility_id = f.id) AS num_users,
               NULL AS last_successful_sync, NULL AS last_failed_sync,
               d.id, d.learner_can_edit_username, d.learner_can_edit_name, d.learner_can_edit_password,
               d.learner_can_sign_up, d.learner_can_delete_account, d.learner_can_login_with_no_password,
               d.show_download_button_in_learn, d.extra_fields, d.description, d.location, d.registered, d.preset
        FROM kolibriauth_collection f
        JOIN kolibriauth_facilitydataset d ON d.id = f.dataset_id
        WHERE f.kind = 'facility' AND (@id IS NULL OR f.id = @id)
        ORDER BY f.name, f.id
        """;

    public static async Task<IReadOnlyList<Facility>> QueryAsync(DbConn conn, string? id = null) =>
        (await conn.Connection.QueryAsync<Facility, Dataset, Facility>(conn.Db.Sql(Sql), (facility, dataset) =>
        {
            facility.Dataset = dataset;
            return facility;
        }, new { id }, conn.Transaction, splitOn: "id")).ToList();
}
