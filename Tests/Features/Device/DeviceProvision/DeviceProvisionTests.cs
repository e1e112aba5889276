namespace KolibriSlices.Tests.Features.Device.DeviceProvision;

/// <summary>Needs an unprovisioned device: no standard seed, and every test starts from an empty database.</summary>
public sealed class DeviceProvisionTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/deviceprovision/";

    public async Task InitializeAsync()
    {
        await using var conn = await app.Db.OpenAsync();
        foreach (var table in new[]
                 {
                     "kolibrislices_session", "device_devicesettings", "device_devicepermissions", "kolibriauth_role", "kolibriauth_membership",
                     "kolibriauth_facilityuser", "kolibriauth_collection", "kolibriauth_facilitydataset",
                 })
            await conn.ExecuteAsync("DELETE FROM " + table);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ApiClient> ClientWithCsrfAsync()
    {
        var client = app.Anonymous();
        await client.PutAsync("/api/auth/session/current/", new { });
        return client;
    }

    private static Dictionary<string, object?> Request(string preset = "informal") => new()
    {
        ["facility"] = new { name = "Hill School" },
        ["preset"] = preset,
        ["superuser"] = new { username = "owner", password = "s3cret", full_name = "Device Owner" },
        ["language_id"] = "en",
        ["device_name"] = "classroom server",
        ["settings"] = new { },
        ["allow_guest_access"] = false,
        ["is_soud"] = false,
    };

    private Task<long> CountAsync(string sql, object? args = null) => app.Seed.ScalarAsync<long>(sql, args)!;

    private async Task AssertNothingProvisionedAsync()
    {
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM device_devicesettings"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM kolibriauth_facilityuser"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM kolibriauth_collection"));
    }

    [Fact]
    public async Task Provisioning_creates_the_facility_the_superuser_and_the_device_settings_and_logs_in()
    {
        using var client = await ClientWithCsrfAsync();
        var body = await client.PostAsync(Url, Request()).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(body);

        var facility = await app.Seed.ScalarAsync<string>("SELECT id FROM kolibriauth_collection WHERE kind = 'facility'");
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM kolibriauth_collection"));
        var owner = await app.Seed.ScalarAsync<string>("SELECT id FROM kolibriauth_facilityuser WHERE username = 'owner' AND full_name = 'Device Owner' AND gender = 'DEFERRED' AND birth_year = 'DEFERRED'");
        Assert.NotNull(owner);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM device_devicepermissions"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM device_devicepermissions WHERE user_id = @owner AND is_superuser = TRUE AND can_manage_content = TRUE", new { owner }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM kolibriauth_role WHERE user_id = @owner", new { owner }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM kolibriauth_role WHERE user_id = @owner AND kind = 'admin' AND collection_id = @facility", new { owner, facility }));
        Assert.Equal(1, await CountAsync("""
            SELECT COUNT(*) FROM device_devicesettings WHERE id = 1 AND is_provisioned = TRUE AND default_facility_id = @facility
              AND allow_guest_access = FALSE AND allow_peer_unlisted_channel_import = FALSE AND allow_learner_unassigned_resource_access = TRUE
              AND name = 'classroom server' AND language_id = 'en' AND subset_of_users_device = FALSE
            """, new { facility }));
        Assert.Equal(1, await CountAsync("""
            SELECT COUNT(*) FROM kolibriauth_facilitydataset d JOIN kolibriauth_collection f ON f.dataset_id = d.id
            WHERE d.preset = 'informal' AND d.learner_can_edit_username = TRUE AND d.learner_can_sign_up = TRUE
              AND d.learner_can_login_with_no_password = FALSE AND d.show_download_button_in_learn = TRUE
            """));

        var session = await client.GetJsonAsync("/api/auth/session/current/");
        Assert.Equal("owner", (string?)session["username"]);
        Assert.Equal("superuser", (string?)session["kind"]![0]);
        using var again = await app.LoginAsync("owner", facility, "s3cret");
    }

    [Fact]
    public async Task Formal_preset_without_guest_setting_turns_guest_access_off_and_locks_learners_down()
    {
        using var client = await ClientWithCsrfAsync();
        var request = Request("formal");
        request["allow_guest_access"] = null;
        request.Remove("is_soud");
        var body = await client.PostAsync(Url, request).JsonAsync(HttpStatusCode.Created);
        Assert.False((bool)body["allow_guest_access"]!);
        Assert.True((bool)body["is_soud"]!);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM device_devicesettings WHERE allow_guest_access = FALSE AND subset_of_users_device = TRUE"));
        Assert.Equal(1, await CountAsync("""
            SELECT COUNT(*) FROM kolibriauth_facilitydataset WHERE preset = 'formal' AND learner_can_login_with_no_password = TRUE
              AND learner_can_edit_password = FALSE AND learner_can_sign_up = FALSE
            """));
    }

    [Fact]
    public async Task Settings_override_the_preset_and_on_my_own_setup_is_kept()
    {
        using var client = await ClientWithCsrfAsync();
        var request = Request();
        request["settings"] = new { learner_can_sign_up = false, on_my_own_setup = true, description = "Up the hill" };
        await client.PostAsync(Url, request).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM kolibriauth_facilitydataset WHERE learner_can_sign_up = FALSE AND description = 'Up the hill' AND extra_fields LIKE '%\"on_my_own_setup\":true%'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM device_devicesettings WHERE extra_settings LIKE '%\"allow_learner_download_resources\":true%'"));
    }

    [Fact]
    public async Task Provisioning_an_already_provisioned_device_is_403_for_every_method()
    {
        await app.Seed.FacilityAsync(Known.Facility, Known.Dataset, "Rock School");
        await app.Seed.DeviceSettingsAsync(Known.Facility);
        using var client = await ClientWithCsrfAsync();
        var body = await client.PostAsync(Url, Request()).JsonAsync(HttpStatusCode.Forbidden);
        Snapshot.Match(body);
        await client.GetJsonAsync(Url, HttpStatusCode.Forbidden);
        await client.GetJsonAsync(Url + "anything/below", HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM kolibriauth_facilityuser"));
    }

    [Fact]
    public async Task Other_methods_are_405_while_unprovisioned_and_the_bare_path_redirects()
    {
        using var client = await ClientWithCsrfAsync();
        var body = await client.GetJsonAsync(Url, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("Method \"GET\" not allowed.", (string?)body["detail"]);
        using var response = await client.GetAsync("/api/device/deviceprovision");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_csrf_token_provisioning_is_403_and_nothing_happens()
    {
        using var client = app.Anonymous(sendCsrf: false);
        await client.PutAsync("/api/auth/session/current/", new { });
        var body = await client.PostAsync(Url, Request()).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)body[0]!["id"]);
        await AssertNothingProvisionedAsync();
    }

    [Fact]
    public async Task An_empty_superuser_is_400_with_drfs_nested_errors()
    {
        using var client = await ClientWithCsrfAsync();
        var request = Request();
        request["superuser"] = new { };
        var body = await client.PostAsync(Url, request).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("""{"superuser":{"username":["This field is required."],"password":["This field is required."]}}""", body.ToString(Newtonsoft.Json.Formatting.None));
        await AssertNothingProvisionedAsync();
    }

    [Fact]
    public async Task No_superuser_is_400()
    {
        using var client = await ClientWithCsrfAsync();
        var request = Request();
        request.Remove("superuser");
        var body = await client.PostAsync(Url, request).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
        await AssertNothingProvisionedAsync();
    }

    [Fact]
    public async Task Facility_and_facility_id_must_come_one_at_a_time()
    {
        using var client = await ClientWithCsrfAsync();
        var both = Request();
        both["facility_id"] = Known.Facility;
        var body = await client.PostAsync(Url, both).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Please provide one of `facility` or `facility_id`; but not both.", (string?)body[0]!["metadata"]!["message"]);
        var neither = Request();
        neither.Remove("facility");
        await client.PostAsync(Url, neither).JsonAsync(HttpStatusCode.BadRequest);
        var noPreset = Request();
        noPreset.Remove("preset");
        var presetBody = await client.PostAsync(Url, noPreset).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Please provide `preset` if `facility` is specified", (string?)presetBody[0]!["metadata"]!["message"]);
        await AssertNothingProvisionedAsync();
    }

    [Fact]
    public async Task Unknown_or_null_facility_id_is_400_with_a_detail()
    {
        using var client = await ClientWithCsrfAsync();
        var fake = Request();
        fake.Remove("facility");
        fake["facility_id"] = "ffffffffffffffffffffffffffffffff";
        var body = await client.PostAsync(Url, fake).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Facility with id=ffffffffffffffffffffffffffffffff does not exist", (string?)body["detail"]);
        fake["facility_id"] = null;
        var nullBody = await client.PostAsync(Url, fake).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Please check `facility` or `preset` fields.", (string?)nullBody["detail"]);
        await AssertNothingProvisionedAsync();
    }

    [Fact]
    public async Task An_imported_facility_keeps_its_dataset_settings()
    {
        await app.Seed.FacilityAsync(Known.Facility, Known.Dataset, "Imported School");
        using var client = await ClientWithCsrfAsync();
        var request = Request();
        request.Remove("facility");
        request.Remove("preset");
        request["facility_id"] = Known.Facility;
        request["settings"] = new { learner_can_edit_username = false, on_my_own_setup = true };
        var body = await client.PostAsync(Url, request).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("nonformal", (string?)body["preset"]);
        Assert.Equal(1, await CountAsync("""
            SELECT COUNT(*) FROM kolibriauth_facilitydataset WHERE id = @id AND learner_can_edit_username = TRUE AND preset = 'nonformal'
              AND extra_fields LIKE '%"on_my_own_setup": false%'
            """, new { id = Known.Dataset }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE username = 'owner' AND facility_id = @f", new { f = Known.Facility }));
    }

    [Fact]
    public async Task An_existing_username_is_adopted_without_a_password_check()
    {
        await app.Seed.FacilityAsync(Known.Facility, Known.Dataset, "Imported School");
        var id = await app.Seed.UserAsync(null, "owner", Known.Facility, fullName: "Imported Owner");
        using var client = await ClientWithCsrfAsync();
        var body = await client.PostAsync(Url, Request()).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Imported Owner", (string?)body["superuser"]!["full_name"]);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM kolibriauth_facilityuser"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM device_devicepermissions WHERE user_id = @id AND is_superuser = TRUE", new { id }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM kolibriauth_role WHERE user_id = @id AND kind = 'admin'", new { id }));
    }

    public static TheoryData<string, string, object?, string> BadFields => new()
    {
        { "unsupported language", "language_id", "xx", "INVALID" },
        { "missing language", "language_id", "REMOVE", "REQUIRED" },
        { "long device name", "device_name", new string('d', 51), "MAX_LENGTH" },
        { "missing device name", "device_name", "REMOVE", "REQUIRED" },
        { "missing guest access", "allow_guest_access", "REMOVE", "REQUIRED" },
        { "text guest access", "allow_guest_access", "sometimes", "INVALID" },
        { "bad preset", "preset", "strict", "INVALID_CHOICE" },
        { "settings not an object", "settings", "none", "INVALID" },
        { "missing settings", "settings", "REMOVE", "REQUIRED" },
        { "non-boolean setting", "settings", new { learner_can_sign_up = "maybe" }, "INVALID" },
        { "incompatible settings", "settings", new { learner_can_login_with_no_password = true, learner_can_edit_password = true }, "INVALID" },
        { "facility not an object", "facility", "Hill", "INVALID" },
        { "long facility_id", "facility_id", new string('f', 51), "MAX_LENGTH" },
        { "text is_provisioned", "is_provisioned", "nah", "INVALID" },
        { "list is_soud", "is_soud", new[] { 1 }, "INVALID" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_is_400_on_the_field_and_provisions_nothing(string _, string field, object? value, string id)
    {
        using var client = await ClientWithCsrfAsync();
        var request = Request();
        if (value is "REMOVE") request.Remove(field); else request[field] = value;
        var body = await client.PostAsync(Url, request).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains(body, e => (string?)e["id"] == id && (string?)e["metadata"]!["field"] == field);
        await AssertNothingProvisionedAsync();
    }
}
