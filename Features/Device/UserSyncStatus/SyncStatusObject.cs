using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.UserSyncStatus;

/// <summary>
/// A user's sync status as Kolibri's learner-only devices report it. This server never syncs itself, so there are no
/// transfer sessions or downloads behind a row: the stored status and its time are all there is. A sync counts as
/// recent for 900 s, as in Kolibri.
/// </summary>
public static class SyncStatusObject
{
    public static readonly TimeSpan RecentSync = TimeSpan.FromSeconds(900);

    public sealed record Row
    {
        public required long Id { get; init; }
        public required string UserId { get; init; }
        public required string Status { get; init; }
        public required string Updated { get; init; }
    }

    public sealed record Item
    {
        public required string User { get; init; }
        public required string Status { get; init; }
        public string? LastSynced { get; init; }
        public string? DeviceStatus { get; init; }
        public string? DeviceStatusSentiment { get; init; }
        public bool HasDownloads { get; init; }
        public string? LastDownloadRemoved { get; init; }
        public bool SyncDownloadsInProgress { get; init; }
    }

    public const string Select = "SELECT s.id, s.user_id, s.status, s.updated FROM device_usersyncstatus s";

    public static Item From(Row row, TimeProvider clock)
    {
        var recent = DateTimeOffset.TryParse(row.Updated, System.Globalization.CultureInfo.InvariantCulture,
                         System.Globalization.DateTimeStyles.AssumeUniversal, out var updated)
                     && clock.GetUtcNow() - updated < RecentSync;
        var status = row.Status switch
        {
            "SYNCING" => "SYNCING",
            "QUEUED" or "PENDING" => "QUEUED",
            "INELIGIBLE" or "UNAVAILABLE" => "UNABLE_TO_SYNC",
            _ => recent ? "RECENTLY_SYNCED" : "NOT_RECENTLY_SYNCED",
        };
        return new Item { User = row.UserId, Status = status, LastSynced = row.Updated };
    }
}
