using System.Text.Json.Serialization;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>
/// The dataset as Kolibri sends it: its 13 stored fields, plus (on list, detail and update) whether guests may browse
/// and whether this device holds the whole facility. Also the dataset row a write starts from.
/// </summary>
public static class DatasetObject
{
    /// <summary>The stored fields plus the two computed ones, which Kolibri sends last.</summary>
    public sealed record Dataset : StoredDataset
    {
        [JsonPropertyOrder(1)] public required bool AllowGuestAccess { get; init; }
        [JsonPropertyOrder(1)] public required bool IsFullFacilityImport { get; init; }
    }

    /// <summary>A dataset row with the facility it belongs to (null for a dataset no facility uses).</summary>
    public sealed record Row
    {
        public required string Id { get; init; }
        public string? FacilityId { get; init; }
        public required bool LearnerCanEditUsername { get; init; }
        public required bool LearnerCanEditName { get; init; }
        public required bool LearnerCanEditPassword { get; init; }
        public required bool LearnerCanSignUp { get; init; }
        public required bool LearnerCanDeleteAccount { get; init; }
        public required bool LearnerCanLoginWithNoPassword { get; init; }
        public required bool ShowDownloadButtonInLearn { get; init; }
        public string? ExtraFields { get; init; }
        public required string Description { get; init; }
        public required string Location { get; init; }
        public required bool Registered { get; init; }
        public required string Preset { get; init; }

        [JsonIgnore]
        public bool IncompatibleSettings => LearnerCanLoginWithNoPassword && LearnerCanEditPassword;

        /// <summary>Update and resetsettings: the facility's admin or a superuser.</summary>
        public bool MayBeUpdatedBy(CurrentUser? user) => user is not null && (user.IsSuperuser || (FacilityId is not null && user.IsAdminOf(FacilityId)));
    }

    public const string IncompatibleMessage =
        "Device Settings [learner_can_login_with_no_password=True] & [learner_can_edit_password=True] values incompatible together.";

    private const string PlainColumns = StoredDataset.Columns;

    // Guests may browse when the device is provisioned with guest access, or lands on Learn. Every facility on this
    // device is a full import: KolibriSlices does not take single-user syncs.
    private const string Sql = $"""
        SELECT {PlainColumns},
               CASE WHEN (s.is_provisioned = TRUE AND s.allow_guest_access = TRUE) OR s.landing_page = 'learn' THEN TRUE ELSE FALSE END AS allow_guest_access,
               TRUE AS is_full_facility_import
        FROM kolibriauth_facilitydataset d
        LEFT JOIN kolibriauth_collection f ON f.dataset_id = d.id AND f.kind = 'facility'
        LEFT JOIN device_devicesettings s ON s.id = 1
        WHERE (@id IS NULL OR d.id = @id) AND (@facility IS NULL OR f.id = @facility) AND (@withoutFacility = TRUE OR f.id IS NOT NULL)
        ORDER BY f.name, d.id
        """;

    private const string PlainSql = $"SELECT {PlainColumns} FROM kolibriauth_facilitydataset d WHERE d.id = @id";

    private const string RowSql = $"""
        SELECT {PlainColumns}, f.id AS facility_id
        FROM kolibriauth_facilitydataset d LEFT JOIN kolibriauth_collection f ON f.dataset_id = d.id AND f.kind = 'facility'
        WHERE d.id = @id
        """;

    /// <summary>Datasets of facilities (all of them, one, or a facility's); <paramref name="withoutFacility"/> also finds unused ones.</summary>
    public static async Task<IReadOnlyList<Dataset>> QueryAsync(DbConn conn, string? id = null, string? facility = null, bool withoutFacility = false) =>
        (await conn.QueryAsync<Dataset>(Sql, new { id, facility, withoutFacility })).ToList();

    public static Task<StoredDataset> QueryPlainAsync(DbConn conn, string id) => conn.QuerySingleAsync<StoredDataset>(PlainSql, new { id });

    public static Task<Row?> RowAsync(DbConn conn, string id) => conn.QueryFirstOrDefaultAsync<Row>(RowSql, new { id });
}
