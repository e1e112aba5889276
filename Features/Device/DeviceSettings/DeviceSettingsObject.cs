using KolibriSlices.Infrastructure;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Device.DeviceSettings;

/// <summary>The device settings as Kolibri sends them: the settings row plus where content is stored.</summary>
public static class DeviceSettingsObject
{
    public sealed record Settings
    {
        public string? LanguageId { get; init; }
        public required string LandingPage { get; init; }
        public required bool AllowGuestAccess { get; init; }
        public required bool AllowPeerUnlistedChannelImport { get; init; }
        public required bool AllowLearnerUnassignedResourceAccess { get; init; }
        public required bool AllowOtherBrowsersToConnect { get; init; }
        public required RawJson ExtraSettings { get; init; }
        public string PrimaryStorageLocation { get; set; } = "";
        public IReadOnlyList<string> SecondaryStorageLocations { get; set; } = [];
    }

    /// <summary>The singleton row exists from provisioning on; before that its column defaults stand in.</summary>
    public const string EnsureRowSql = "INSERT INTO device_devicesettings (id) VALUES (1) ON CONFLICT (id) DO NOTHING";

    private const string Sql = """
        SELECT language_id, landing_page, allow_guest_access, allow_peer_unlisted_channel_import,
               allow_learner_unassigned_resource_access, allow_other_browsers_to_connect, extra_settings
        FROM device_devicesettings WHERE id = 1
        """;

    public static async Task<Settings> LoadAsync(DbConn conn, IConfiguration config)
    {
        var settings = await conn.QuerySingleOrDefaultAsync<Settings>(Sql);
        if (settings is null)
        {
            await conn.ExecuteAsync(EnsureRowSql);
            settings = await conn.QuerySingleAsync<Settings>(Sql);
        }
        settings.PrimaryStorageLocation = await ContentStorage.PrimaryAsync(conn, config);
        settings.SecondaryStorageLocations = (await ContentStorage.SecondaryAsync(conn)).Where(Directory.Exists).ToList();
        return settings;
    }
}
