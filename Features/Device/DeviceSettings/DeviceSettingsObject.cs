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

    /// <summary>The singleton row exists from provisioning on; a PATCH before that creates it with the column defaults.</summary>
    public const string EnsureRowSql = "INSERT INTO device_devicesettings (id) VALUES (1) ON CONFLICT (id) DO NOTHING";

    /// <summary>The column defaults, for a device that has no settings row yet.</summary>
    private static Settings Defaults => new()
    {
        LandingPage = "sign-in", AllowGuestAccess = true, AllowPeerUnlistedChannelImport = false, AllowLearnerUnassignedResourceAccess = true,
        AllowOtherBrowsersToConnect = true,
        ExtraSettings = new RawJson("""{"allow_download_on_metered_connection": false, "enable_automatic_download": true}"""),
    };

    private const string Sql = """
        SELECT language_id, landing_page, allow_guest_access, allow_peer_unlisted_channel_import,
               allow_learner_unassigned_resource_access, allow_other_browsers_to_connect, extra_settings
        FROM device_devicesettings WHERE id = 1
        """;

    public static async Task<Settings> LoadAsync(DbConn conn, IConfiguration config)
    {
        var settings = await conn.QuerySingleOrDefaultAsync<Settings>(Sql) ?? Defaults;
        settings.PrimaryStorageLocation = await ContentStorage.PrimaryAsync(conn, config);
        settings.SecondaryStorageLocations = (await ContentStorage.SecondaryAsync(conn)).Where(Directory.Exists).ToList();
        return settings;
    }
}
