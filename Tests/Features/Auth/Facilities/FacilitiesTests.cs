namespace KolibriSlices.Tests.Features.Auth.Facilities;

public sealed class FacilitiesTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Facilities = "/api/auth/facility/";
    private const string CreateWithPreset = "/api/auth/facility/create_facility/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<long> CountAsync(string name) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE kind = 'facility' AND name = @name", new { name });

    [Fact]
    public async Task Learner_reads_a_facility_with_its_name_and_no_sync_history_on_this_device()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.GetJsonAsync($"{Facilities}{Known.Facility}/");
        Snapshot.Match(body);
        Assert.Equal("Rock School", (string?)body["name"]);
        // KolibriSlices keeps no morango transfer sessions, so there is never a sync time to report.
        Assert.Equal(JTokenType.Null, body["last_successful_sync"]!.Type);
        Assert.Equal(JTokenType.Null, body["last_failed_sync"]!.Type);
    }

    [Fact]
    public async Task Superuser_creates_a_facility_and_learner_or_anonymous_cannot()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Facilities, new { name = "New Facility" }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("New Facility", (string?)body["name"]);
        Assert.Equal("nonformal", (string?)body["dataset"]!["preset"]);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.PostAsync(Facilities, new { name = "Learner Facility" }).JsonAsync(HttpStatusCode.Forbidden);
        using var anonymous = app.Anonymous();
        await anonymous.PostAsync(Facilities, new { name = "Anonymous Facility" }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountAsync("Learner Facility") + await CountAsync("Anonymous Facility"));
    }

    [Fact]
    public async Task Superuser_renames_and_deletes_a_facility()
    {
        var (facility, _) = await app.Seed.OwnFacilityAsync("To Rename");
        await app.Seed.UserAsync(null, Seed.UniqueName("member"), facility);
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PutAsync($"{Facilities}{facility}/", new { name = "Renamed Facility" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed Facility", (string?)body["name"]);
        await superuser.DeleteAsync($"{Facilities}{facility}/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE facility_id = @facility", new { facility }));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("superuser", HttpStatusCode.OK)]
    public async Task Who_may_rename_facility_f(string? actor, HttpStatusCode expected)
    {
        using var client = await app.ClientAsync(actor);
        await client.PatchAsync($"{Facilities}{Known.Facility}/", new { name = "Rock School" }).JsonAsync(expected);
        Assert.Equal(1, await CountAsync("Rock School"));
    }

    [Fact]
    public async Task Learner_cannot_create_a_facility_with_a_preset()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.PostAsync(CreateWithPreset, new { name = "Learner Preset", preset = "formal" }).JsonAsync(HttpStatusCode.Forbidden);
        Snapshot.Match(body);
        Assert.Equal(0, await CountAsync("Learner Preset"));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("superuser", HttpStatusCode.OK)]
    public async Task Only_a_superuser_creates_a_facility_with_a_preset(string? actor, HttpStatusCode expected)
    {
        using var client = await app.ClientAsync(actor);
        var name = Seed.UniqueName("preset");
        var body = await client.PostAsync(CreateWithPreset, new { name, preset = "informal" }).JsonAsync(expected);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, await CountAsync(name));
        if (expected == HttpStatusCode.Forbidden) Assert.Equal(actor is null ? "NOT_AUTHENTICATED" : "PERMISSION_DENIED", (string?)body[0]!["id"]);
        else Assert.Equal(JTokenType.Null, body.Type);
    }

    [Fact]
    public async Task Other_methods_on_create_facility_are_403_unless_superuser_then_405()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.GetJsonAsync(CreateWithPreset, HttpStatusCode.Forbidden);
        using var superuser = await app.LoginAsync("superuser");
        await superuser.GetJsonAsync(CreateWithPreset, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Create_facility_without_a_body_is_400_naming_both_required_fields()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(CreateWithPreset, new { }).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
        Assert.Contains(body, e => e.ToString(Newtonsoft.Json.Formatting.None)
            == """{"id":"REQUIRED","metadata":{"field":"name","message":"This field is required."}}""");
    }

    [Theory]
    [InlineData("preset", "invalid", "INVALID_CHOICE")]
    [InlineData("preset", "", "INVALID_CHOICE")]
    [InlineData("name", "", "BLANK")]
    [InlineData("name", "x101", "MAX_LENGTH")]
    public async Task Bad_create_facility_input_is_400_and_creates_nothing(string field, string value, string expectedId)
    {
        using var superuser = await app.LoginAsync("superuser");
        var before = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset");
        var body = new Dictionary<string, string> { ["name"] = Seed.UniqueName("bad"), ["preset"] = "formal" };
        body[field] = value == "x101" ? new string('x', 101) : value;
        var errors = await superuser.PostAsync(CreateWithPreset, body).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(expectedId, (string?)errors[0]!["id"]);
        Assert.Equal(field, (string?)errors[0]!["metadata"]!["field"]);
        Assert.Equal(before, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset"));
    }

    [Theory]
    [InlineData("formal")]
    [InlineData("nonformal")]
    [InlineData("informal")]
    public async Task Create_facility_applies_the_presets_settings(string preset)
    {
        using var superuser = await app.LoginAsync("superuser");
        var name = Seed.UniqueName(preset);
        await superuser.PostAsync(CreateWithPreset, new { name, preset }).JsonAsync(HttpStatusCode.OK);
        var facility = (await superuser.GetJsonAsync(Facilities)).Single(f => (string?)f["name"] == name);
        var dataset = facility["dataset"]!;
        Assert.Equal(preset, (string?)dataset["preset"]);
        var formal = preset == "formal";
        foreach (var flag in new[] { "learner_can_edit_username", "learner_can_edit_name", "learner_can_edit_password", "learner_can_sign_up",
                     "learner_can_delete_account", "show_download_button_in_learn" })
            Assert.Equal(!formal, (bool)dataset[flag]!);
        Assert.Equal(formal, (bool)dataset["learner_can_login_with_no_password"]!);
    }

    [Fact]
    public async Task New_facilities_carry_the_devices_default_demographic_schema()
    {
        const string schema = """[{"id": "status", "description": "Status", "enumValues": [{"value": "up", "defaultLabel": "Up", "translations": []}], "translations": []}]""";
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("UPDATE device_devicesettings SET extra_settings = @settings WHERE id = 1", new
            {
                settings = $$"""{"allow_download_on_metered_connection": false, "enable_automatic_download": true, "default_demographic_field_schema": {{schema}}}""",
            });
        try
        {
            using var superuser = await app.LoginAsync("superuser");
            var created = await superuser.PostAsync(Facilities, new { name = Seed.UniqueName("Schema") }).JsonAsync(HttpStatusCode.Created);
            Assert.Equal("status", (string?)created["dataset"]!["extra_fields"]!["demographic_fields"]![0]!["id"]);
            var name = Seed.UniqueName("SchemaPreset");
            await superuser.PostAsync(CreateWithPreset, new { name, preset = "formal" }).JsonAsync(HttpStatusCode.OK);
            var withPreset = (await superuser.GetJsonAsync(Facilities)).Single(f => (string?)f["name"] == name);
            Assert.Equal("up", (string?)withPreset["dataset"]!["extra_fields"]!["demographic_fields"]![0]!["enumValues"]![0]!["value"]);
            Assert.Equal("", (string?)withPreset["dataset"]!["extra_fields"]!["pin_code"]);
        }
        finally
        {
            await using var conn = await app.Db.OpenAsync();
            await conn.ExecuteAsync("""UPDATE device_devicesettings SET extra_settings = '{"allow_download_on_metered_connection": false, "enable_automatic_download": true}' WHERE id = 1""");
        }
    }
}
