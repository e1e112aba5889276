namespace KolibriSlices.Tests.Features.Auth.FacilityDatasets;

public sealed class FacilityDatasetsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Datasets = "/api/auth/facilitydataset/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static int _pins = 1000;

    private static readonly string[] Flags =
    [
        "learner_can_edit_username", "learner_can_edit_name", "learner_can_edit_password", "learner_can_sign_up",
        "learner_can_delete_account", "learner_can_login_with_no_password", "show_download_button_in_learn",
    ];

    /// <summary>A facility of its own whose admin is logged in.</summary>
    private async Task<(string Facility, string Dataset, ApiClient Admin)> OwnFacilityWithAdminAsync(string preset = "nonformal")
    {
        var (facility, dataset) = await app.Seed.OwnFacilityAsync(Seed.UniqueName("School"), preset: preset);
        var name = Seed.UniqueName("dadmin");
        var id = await app.Seed.UserAsync(null, name, facility);
        await app.Seed.RoleAsync(id, facility, "admin");
        return (facility, dataset, await app.LoginAsync(name, facility));
    }

    private Task<T?> ColumnAsync<T>(string dataset, string column) =>
        app.Seed.ScalarAsync<T>($"SELECT {column} FROM kolibriauth_facilitydataset WHERE id = @dataset", new { dataset });

    [Fact]
    public async Task Admin_sees_every_dataset_and_can_filter_by_facility_and_a_learner_sees_them_all_too()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var all = await admin.GetJsonAsync(Datasets);
        Assert.Contains(all, d => (string?)d["id"] == Known.Dataset);
        Assert.Contains(all, d => (string?)d["id"] == Known.OtherDataset);
        var own = await admin.GetJsonAsync(Datasets + "?facility_id=" + Known.OtherFacility);
        Snapshot.Match(own);
        Assert.Equal(Known.Dataset, (string?)(await admin.GetJsonAsync(Datasets + "?facility_id=" + Known.Facility)).Single()["id"]);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        Assert.Equal(all.Count(), (await learner.GetJsonAsync(Datasets)).Count());
        using var anonymous = app.Anonymous();
        Assert.Equal(all.Count(), (await anonymous.GetJsonAsync(Datasets)).Count());
    }

    [Fact]
    public async Task Malformed_facility_filter_is_400_enter_a_valid_uuid()
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync(Datasets + "?facility_id=nope", HttpStatusCode.BadRequest);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Detail_is_readable_by_anyone_and_unknown_is_404()
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync($"{Datasets}{Known.OtherDataset}/");
        Assert.Equal(Known.OtherDataset, (string?)body["id"]);
        Assert.True((bool)body["allow_guest_access"]!);
        Assert.True((bool)body["is_full_facility_import"]!);
        await client.GetJsonAsync($"{Datasets}ffffffffffffffffffffffffffffffff/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_patches_own_description_but_cannot_delete_another_facilitys_dataset_nor_a_learner_their_own()
    {
        var (_, dataset, admin) = await OwnFacilityWithAdminAsync();
        using (admin)
        {
            var body = await admin.PatchAsync($"{Datasets}{dataset}/", new { description = "A school by the river" }).JsonAsync(HttpStatusCode.OK);
            Snapshot.Match(body, o => o.IgnoreField("id"));
            Assert.Equal("A school by the river", await ColumnAsync<string>(dataset, "description"));
            await admin.DeleteAsync($"{Datasets}{Known.OtherDataset}/").JsonAsync(HttpStatusCode.Forbidden);
        }
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.DeleteAsync($"{Datasets}{Known.Dataset}/").JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(2, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset WHERE id IN @ids",
            new { ids = new[] { Known.Dataset, Known.OtherDataset } }));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("superuser", HttpStatusCode.OK)]
    public async Task Who_may_update_facility_fs_dataset(string? actor, HttpStatusCode expected)
    {
        using var client = await app.ClientAsync(actor);
        var location = Seed.UniqueName("loc");
        await client.PatchAsync($"{Datasets}{Known.Dataset}/", new { location }).JsonAsync(expected);
        Assert.Equal(expected == HttpStatusCode.OK, await ColumnAsync<string>(Known.Dataset, "location") == location);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("superuser", HttpStatusCode.NoContent)]
    public async Task Only_a_superuser_deletes_a_dataset_and_its_facility_goes_with_it(string? actor, HttpStatusCode expected)
    {
        var (facility, dataset) = await app.Seed.OwnFacilityAsync(Seed.UniqueName("Doomed"));
        await app.Seed.UserAsync(null, Seed.UniqueName("doomed"), facility);
        using var client = await app.ClientAsync(actor);
        await client.DeleteAsync($"{Datasets}{dataset}/").JsonAsync(expected);
        var gone = expected == HttpStatusCode.NoContent;
        Assert.Equal(gone ? 0 : 1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset WHERE id = @dataset", new { dataset }));
        Assert.Equal(gone ? 0 : 1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE facility_id = @facility", new { facility }));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("superuser", HttpStatusCode.Created)]
    public async Task Only_a_superuser_creates_a_dataset(string? actor, HttpStatusCode expected)
    {
        var before = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset");
        using var client = await app.ClientAsync(actor);
        var body = await client.PostAsync(Datasets, new { preset = "informal", description = "Spare" }).JsonAsync(expected);
        if (expected == HttpStatusCode.Created)
        {
            Snapshot.Match(body, o => o.IgnoreField("id"));
            Assert.Equal(before + 1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset"));
        }
        else Assert.Equal(before, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset"));
    }

    [Theory]
    [InlineData("learner_can_sign_up", "maybe", "INVALID")]
    [InlineData("learner_can_edit_name", "[list]", "INVALID")]
    [InlineData("show_download_button_in_learn", null, "NULL")]
    [InlineData("registered", "x", "INVALID")]
    [InlineData("description", "[list]", "INVALID")]
    [InlineData("location", "x201", "MAX_LENGTH")]
    [InlineData("preset", "bogus", "INVALID_CHOICE")]
    public async Task Bad_field_on_update_is_400_and_changes_nothing(string field, string? value, string expectedId)
    {
        var (_, dataset, admin) = await OwnFacilityWithAdminAsync();
        using (admin)
        {
            object? sent = value switch { "[list]" => new[] { 1 }, "x201" => new string('x', 201), _ => value };
            var errors = await admin.PatchAsync($"{Datasets}{dataset}/", new Dictionary<string, object?> { [field] = sent, ["description"] = field == "description" ? sent : "changed" })
                .JsonAsync(HttpStatusCode.BadRequest);
            Assert.Contains(errors, e => (string?)e["id"] == expectedId && (string?)e["metadata"]!["field"] == field);
        }
        Assert.Equal("", await ColumnAsync<string>(dataset, "description"));
        Assert.Equal("nonformal", await ColumnAsync<string>(dataset, "preset"));
        Assert.True(await ColumnAsync<bool>(dataset, "learner_can_sign_up"));
    }

    [Theory]
    [InlineData("preset", "bogus", "INVALID_CHOICE")]
    [InlineData("learner_can_sign_up", "perhaps", "INVALID")]
    [InlineData("location", "x201", "MAX_LENGTH")]
    public async Task Bad_field_on_create_is_400_and_creates_nothing(string field, string value, string expectedId)
    {
        var before = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset");
        using var superuser = await app.LoginAsync("superuser");
        var errors = await superuser.PostAsync(Datasets, new Dictionary<string, string> { [field] = value == "x201" ? new string('x', 201) : value })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(expectedId, (string?)errors.Single()["id"]);
        Assert.Equal(field, (string?)errors.Single()["metadata"]!["field"]);
        var incompatible = await superuser.PostAsync(Datasets, new { learner_can_login_with_no_password = true }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(JTokenType.String, incompatible[0]!.Type);
        Assert.Equal(before, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset"));
    }

    [Fact]
    public async Task Booleans_take_strings_and_extra_fields_take_any_json()
    {
        var (_, dataset, admin) = await OwnFacilityWithAdminAsync();
        using (admin)
        {
            var body = await admin.PatchAsync($"{Datasets}{dataset}/", new { learner_can_sign_up = "false", extra_fields = new { on_my_own_setup = true, anything = new[] { 1, 2 } } })
                .JsonAsync(HttpStatusCode.OK);
            Assert.False((bool)body["learner_can_sign_up"]!);
            Assert.Equal("""{"on_my_own_setup":true,"anything":[1,2]}""", body["extra_fields"]!.ToString(Newtonsoft.Json.Formatting.None));
        }
    }

    [Fact]
    public async Task Passwordless_login_and_editable_passwords_together_are_refused_on_the_resulting_row()
    {
        var (_, dataset, admin) = await OwnFacilityWithAdminAsync();
        using (admin)
        {
            var both = await admin.PatchAsync($"{Datasets}{dataset}/", new { learner_can_login_with_no_password = true, learner_can_edit_password = true })
                .JsonAsync(HttpStatusCode.BadRequest);
            Snapshot.Match(both);
            await admin.PatchAsync($"{Datasets}{dataset}/", new { learner_can_edit_password = true }).JsonAsync(HttpStatusCode.OK);
            await admin.PatchAsync($"{Datasets}{dataset}/", new { learner_can_login_with_no_password = true }).JsonAsync(HttpStatusCode.BadRequest);
            Assert.False(await ColumnAsync<bool>(dataset, "learner_can_login_with_no_password"));
            var ok = await admin.PatchAsync($"{Datasets}{dataset}/", new { learner_can_login_with_no_password = true, learner_can_edit_password = false })
                .JsonAsync(HttpStatusCode.OK);
            Assert.True((bool)ok["learner_can_login_with_no_password"]!);
        }
    }

    [Theory]
    [InlineData("formal")]
    [InlineData("nonformal")]
    [InlineData("informal")]
    public async Task Resetsettings_restores_the_presets_flags(string preset)
    {
        var (_, dataset, admin) = await OwnFacilityWithAdminAsync(preset);
        using (admin)
        {
            await admin.PatchAsync($"{Datasets}{dataset}/", Flags.ToDictionary(f => f, _ => (object)false)).JsonAsync(HttpStatusCode.OK);
            var body = await admin.PostAsync($"{Datasets}{dataset}/resetsettings/", null).JsonAsync(HttpStatusCode.OK);
            Snapshot.Match(body, SnapshotNameExtension.Create(preset), o => o.IgnoreField("id"));
            var formal = preset == "formal";
            foreach (var flag in Flags)
                Assert.Equal(flag == "learner_can_login_with_no_password" ? formal : !formal, (bool)body[flag]!);
            Assert.Null(body["allow_guest_access"]);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("learner")]
    [InlineData("fcoach")]
    [InlineData("otheradmin")]
    public async Task Resetsettings_by_anyone_else_is_permission_denied_even_anonymously(string? actor)
    {
        using var client = await app.ClientAsync(actor);
        var body = await client.PostAsync($"{Datasets}{Known.Dataset}/resetsettings/", null).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)body[0]!["id"]);
        using var superuser = await app.LoginAsync("superuser");
        await superuser.PostAsync($"{Datasets}ffffffffffffffffffffffffffffffff/resetsettings/", null).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_pin_sets_keeps_leading_zeros_refuses_bad_pins_and_patch_clears_it()
    {
        var (_, dataset, admin) = await OwnFacilityWithAdminAsync();
        using (admin)
        {
            var url = $"{Datasets}{dataset}/update-pin/";
            var body = await admin.PostAsync(url, new { pin_code = "1234" }).JsonAsync(HttpStatusCode.OK);
            Snapshot.Match(body, o => o.IgnoreField("id"));
            Assert.Equal("0000", (string?)(await admin.PostAsync(url, new { pin_code = "0000" }).JsonAsync(HttpStatusCode.OK))["extra_fields"]!["pin_code"]);
            foreach (var bad in new object[] { new { pin_code = "123" }, new { pin_code = "abcd" }, new { pin_code = "" }, new { pin_code = 1234 }, new { pin_code = "12345" } })
            {
                var errors = await admin.PostAsync(url, bad).JsonAsync(HttpStatusCode.BadRequest);
                Assert.Equal("""[{"id":"INVALID","metadata":{"field":"pin_code","message":"Invalid pin input"}}]""", errors.ToString(Newtonsoft.Json.Formatting.None));
            }
            var missing = await admin.PostAsync(url, new { }).JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal("Please provide a pin", (string?)missing[0]!["metadata"]!["message"]);
            Assert.Contains("\"0000\"", await ColumnAsync<string>(dataset, "extra_fields"));
            var cleared = await admin.PatchAsync(url, new { }).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(JTokenType.Null, cleared["extra_fields"]!["pin_code"]!.Type);
            Assert.Equal(false, (bool?)cleared["extra_fields"]!["on_my_own_setup"]);
        }
    }

    [Theory]
    [InlineData(null, "POST", HttpStatusCode.Forbidden)]
    [InlineData(null, "PATCH", HttpStatusCode.Forbidden)]
    [InlineData("learner", "PATCH", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", "POST", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", "POST", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", "PATCH", HttpStatusCode.Forbidden)]
    [InlineData("admin", "POST", HttpStatusCode.OK)]
    [InlineData("admin", "PATCH", HttpStatusCode.OK)]
    [InlineData("superuser", "POST", HttpStatusCode.OK)]
    public async Task Update_pin_needs_update_permission_on_the_dataset(string? actor, string method, HttpStatusCode expected)
    {
        using var client = await app.ClientAsync(actor);
        var pin = Interlocked.Increment(ref _pins).ToString();
        var url = $"{Datasets}{Known.Dataset}/update-pin/";
        await (method == "POST" ? client.PostAsync(url, new { pin_code = pin }) : client.PatchAsync(url, new { pin_code = pin })).JsonAsync(expected);
        Assert.Equal(expected == HttpStatusCode.OK, (await ColumnAsync<string>(Known.Dataset, "extra_fields"))!.Contains($"\"{pin}\""));
    }
}
