namespace KolibriSlices.Tests.Features.Device.DeviceSettings;

public sealed class DeviceSettingsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/devicesettings/";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE username = 'settingsmanager'") == 0)
            await app.Seed.ContentManagerAsync("settingsmanager");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<string?> SettingsAsync() => app.Seed.ScalarAsync<string>("""
        SELECT language_id || '|' || landing_page || '|' || CASE WHEN allow_guest_access THEN 't' ELSE 'f' END || '|'
               || CASE WHEN allow_peer_unlisted_channel_import THEN 't' ELSE 'f' END || '|'
               || CASE WHEN allow_learner_unassigned_resource_access THEN 't' ELSE 'f' END || '|' || extra_settings
        FROM device_devicesettings WHERE id = 1
        """);

    [Fact]
    public async Task Superuser_reads_the_settings()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url);
        Assert.Equal(Path.Combine(app.Home, "content"), (string?)body["primary_storage_location"]);
        Snapshot.Match(body, o => o.IgnoreField("primary_storage_location").IgnoreField("language_id").IgnoreField("landing_page")
            .IgnoreField("allow_guest_access").IgnoreField("allow_peer_unlisted_channel_import").IgnoreField("allow_learner_unassigned_resource_access"));
    }

    [Fact]
    public async Task Patch_stores_language_and_flags_and_answers_the_object()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PatchAsync(Url, new
        {
            language_id = "fr-fr", allow_guest_access = false, allow_peer_unlisted_channel_import = true, allow_learner_unassigned_resource_access = false,
        }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("fr-fr", (string?)body["language_id"]);
        Assert.StartsWith("fr-fr|sign-in|f|t|f|", await SettingsAsync());
        await superuser.PatchAsync(Url, new { language_id = "en", allow_guest_access = true, allow_peer_unlisted_channel_import = false, allow_learner_unassigned_resource_access = true })
            .JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Storage_locations_must_exist_and_are_stored()
    {
        var folder = Directory.CreateDirectory(Path.Combine(app.Home, "elsewhere")).FullName;
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PatchAsync(Url, new { primary_storage_location = folder, secondary_storage_locations = new[] { app.Home, "" } })
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(folder, (string?)body["primary_storage_location"]);
        Assert.Equal([app.Home], body["secondary_storage_locations"]!.Select(s => (string)s!));
        var bad = await superuser.PatchAsync(Url, new { primary_storage_location = "/no/such/folder", secondary_storage_locations = new[] { "/no/such" } })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["primary_storage_location", "secondary_storage_locations"], bad.Select(e => (string)e["metadata"]!["field"]!));
        await superuser.PatchAsync(Url, new { primary_storage_location = Path.Combine(app.Home, "content"), secondary_storage_locations = Array.Empty<string>() })
            .JsonAsync(HttpStatusCode.BadRequest);
        Directory.CreateDirectory(Path.Combine(app.Home, "content"));
        await superuser.PatchAsync(Url, new { primary_storage_location = Path.Combine(app.Home, "content"), secondary_storage_locations = Array.Empty<string>() })
            .JsonAsync(HttpStatusCode.OK);
    }

    public static TheoryData<string, object, string[]> BadPatches => new()
    {
        { "landing page", new { landing_page = "home" }, ["landing_page"] },
        { "language", new { language_id = "xx" }, ["language_id"] },
        { "long language", new { language_id = new string('e', 16) }, ["language_id"] },
        { "boolean", new { allow_guest_access = "perhaps" }, ["allow_guest_access"] },
        { "null boolean", new { allow_other_browsers_to_connect = (bool?)null }, ["allow_other_browsers_to_connect"] },
        { "two fields", new { landing_page = 3, allow_peer_unlisted_channel_import = "x", language_id = "fr-fr" }, ["landing_page", "allow_peer_unlisted_channel_import"] },
        { "extra settings not an object", new { extra_settings = "x" }, ["extra_settings"] },
        { "extra settings missing a key", new { extra_settings = new { enable_automatic_download = true } }, ["extra_settings"] },
        { "extra settings wrong type", new { extra_settings = new { enable_automatic_download = true, allow_download_on_metered_connection = "no" } }, ["extra_settings"] },
        { "negative limit", new { extra_settings = new { enable_automatic_download = true, allow_download_on_metered_connection = false, limit_for_autodownload = -1 } }, ["extra_settings"] },
        { "secondary not a list", new { secondary_storage_locations = "x" }, ["secondary_storage_locations"] },
    };

    [Theory]
    [MemberData(nameof(BadPatches))]
    public async Task A_bad_patch_names_every_failing_field_and_changes_nothing(string _, object patch, string[] fields)
    {
        var before = await SettingsAsync();
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PatchAsync(Url, patch).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(fields, body.Select(e => (string)e["metadata"]!["field"]!));
        Assert.Equal(before, await SettingsAsync());
    }

    [Fact]
    public async Task Without_a_settings_row_get_answers_the_defaults_and_patch_creates_the_row()
    {
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("DELETE FROM device_devicesettings");
        try
        {
            using var superuser = await app.LoginAsync("superuser");
            var body = await superuser.GetJsonAsync(Url);
            Assert.Equal("sign-in", (string?)body["landing_page"]);
            Assert.Equal(JTokenType.Null, body["language_id"]!.Type);
            Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM device_devicesettings"));
            await superuser.PatchAsync(Url, new { landing_page = "learn" }).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM device_devicesettings WHERE id = 1 AND landing_page = 'learn'"));
        }
        finally
        {
            await using var conn = await app.Db.OpenAsync();
            await conn.ExecuteAsync("DELETE FROM device_devicesettings");
            await app.Seed.DeviceSettingsAsync(Known.Facility);
        }
    }

    [Fact]
    public async Task Extra_settings_replace_the_whole_object()
    {
        using var superuser = await app.LoginAsync("superuser");
        var extra = new { allow_download_on_metered_connection = true, enable_automatic_download = false, limit_for_autodownload = 10 };
        var body = await superuser.PatchAsync(Url, new { extra_settings = extra }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("""{"allow_download_on_metered_connection":true,"enable_automatic_download":false,"limit_for_autodownload":10}""",
            body["extra_settings"]!.ToString(Newtonsoft.Json.Formatting.None));
        await superuser.PatchAsync(Url, new { extra_settings = new { allow_download_on_metered_connection = false, enable_automatic_download = true } })
            .JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_and_put_are_405_for_a_superuser_and_403_for_anonymous()
    {
        using var anonymous = app.Anonymous();
        var denied = await anonymous.PostAsync(Url, new { }).JsonAsync(HttpStatusCode.Forbidden);
        Snapshot.Match(denied);
        using var superuser = await app.LoginAsync("superuser");
        await superuser.PostAsync(Url, new { }).JsonAsync(HttpStatusCode.MethodNotAllowed);
        await superuser.PutAsync(Url, new { }).JsonAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("anonymous", false)]
    [InlineData("learner", false)]
    [InlineData("ccoach", false)]
    [InlineData("fcoach", false)]
    [InlineData("admin", false)]
    [InlineData("otheradmin", false)]
    [InlineData("superuser", true)]
    [InlineData("settingsmanager", true)]
    public async Task Who_reads_and_changes_device_settings(string actor, bool allowed)
    {
        using var client = actor == "settingsmanager" ? await app.LoginAsync(actor, Known.Facility) : await app.ActorAsync(actor);
        await client.GetJsonAsync(Url, allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        var before = await SettingsAsync();
        await client.PatchAsync(Url, new { landing_page = "sign-in" }).JsonAsync(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        Assert.Equal(before, await SettingsAsync());
    }
}
