using Dapper;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Auth.FacilityUsers;

public sealed class FacilityUsersTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Users = "/api/auth/facilityuser/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<long> CountAsync(string username) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE username = @username", new { username });

    private Task<string?> ColumnAsync(string userId, string column) =>
        app.Seed.ScalarAsync<string?>($"SELECT {column} FROM kolibriauth_facilityuser WHERE id = @userId", new { userId });

    [Fact]
    public async Task Roles_are_written_compactly_in_kolibris_key_order_and_sorted_by_role_id_on_either_engine()
    {
        // The database writes the roles array (UserObject); its bytes must be what System.Text.Json writes for the rest.
        var user = await app.Seed.UserAsync(null, "two_hats", Known.Facility);
        await app.Seed.RoleAsync(user, Known.Facility, "coach");
        await app.Seed.RoleAsync(user, Known.ClassroomA, "coach");
        var roles = new[] { (Known.Facility, "coach"), (Known.ClassroomA, "coach") }
            .Select(r => (Collection: r.Item1, Kind: r.Item2, Id: Ids.Deterministic(user, r.Item1, r.Item2, "role")))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => $$"""{"collection":"{{r.Collection}}","kind":"{{r.Kind}}","id":"{{r.Id}}"}""");
        var expected = $"\"is_superuser\":false,\"roles\":[{string.Join(",", roles)}]}}";
        using var admin = await app.LoginAsync("admin", Known.Facility);

        Assert.EndsWith(expected, await (await admin.GetAsync(Users + user + "/")).Content.ReadAsStringAsync());
        var list = await (await admin.GetAsync(Users + "?page_size=1000")).Content.ReadAsStringAsync();
        Assert.Contains($"\"id\":\"{user}\",", list);
        Assert.Contains(expected, list);
        Assert.EndsWith("\"roles\":[]}", await (await admin.GetAsync(Users + Known.Learner + "/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_user_the_database_writes_as_json_keeps_every_character_of_its_fields_in_kolibris_key_order()
    {
        // UserObject: the database writes the whole user (json_object on SQLite, row_to_json on PostgreSQL).
        const string fullName = "Zoë \"Zed\" O'Brien \\ 東京 😀\ttab </script>";
        var user = await app.Seed.UserAsync(null, Seed.UniqueName("chars"), Known.Facility, fullName: fullName);
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("UPDATE kolibriauth_facilityuser SET extra_demographics = @json, birth_year = '2001', gender = 'FEMALE' WHERE id = @user",
                new { user, json = """{"status": "up", "n": [1, 2.5, null, true]}""" });
        using var admin = await app.LoginAsync("admin", Known.Facility);

        var one = JObject.Parse(await (await admin.GetAsync(Users + user + "/")).Content.ReadAsStringAsync());
        var listed = JArray.Parse(await (await admin.GetAsync(Users + "?search=zed")).Content.ReadAsStringAsync());
        var paged = JObject.Parse(await (await admin.GetAsync(Users + "?search=zed&page_size=10")).Content.ReadAsStringAsync());

        foreach (var json in new[] { one, (JObject)listed.Single(), (JObject)((JArray)paged["results"]!).Single() })
        {
            Assert.Equal(["id", "username", "full_name", "facility", "id_number", "gender", "birth_year", "extra_demographics",
                "date_joined", "is_superuser", "roles"], json.Properties().Select(p => p.Name));
            Assert.Equal(fullName, (string?)json["full_name"]);
            Assert.True(JToken.DeepEquals(JToken.Parse("""{"status": "up", "n": [1, 2.5, null, true]}"""), json["extra_demographics"]));
            Assert.Equal(JTokenType.Boolean, json["is_superuser"]!.Type);
            Assert.Equal(("2001", "FEMALE", "", Known.Facility), ((string?)json["birth_year"], (string?)json["gender"], (string?)json["id_number"], (string?)json["facility"]));
        }
    }

    [Fact]
    public async Task Admin_creates_a_user_whose_password_verifies_and_the_same_post_again_is_400()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Users, new { username = "created_bob", password = "sekrit", facility = Known.Facility, full_name = "Bob Created",
            gender = "MALE", birth_year = "1990", id_number = "ID-7" }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(body, o => o.IgnoreField("id").IgnoreField("date_joined"));
        var id = (string)body["id"]!;
        Assert.True(await app.Seed.PasswordVerifiesAsync(id, "sekrit"));
        Assert.False(await app.Seed.PasswordVerifiesAsync(id, "Sekrit"));
        Assert.StartsWith("pbkdf2_sha256$", await ColumnAsync(id, "password"));
        Assert.Equal(Known.Dataset, await ColumnAsync(id, "dataset_id"));

        var again = await admin.PostAsync(Users, new { username = "created_bob", password = "sekrit", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("USERNAME_ALREADY_EXISTS", (string?)again[0]!["id"]);
        Assert.Equal(1, await CountAsync("created_bob"));
    }

    [Fact]
    public async Task Facility_defaults_to_the_device_default_facility()
    {
        using var superuser = await app.LoginAsync("superuser");
        var name = Seed.UniqueName("dflt");
        var body = await superuser.PostAsync(Users, new { username = name, password = "pw" }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(Known.Facility, (string?)body["facility"]);
    }

    [Fact]
    public async Task Existing_username_in_other_case_is_username_already_exists()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Users, new { username = "LEARNER", password = "pw", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
        Assert.Equal(0, await CountAsync("LEARNER"));
    }

    [Fact]
    public async Task Same_username_in_another_facility_is_fine()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Users, new { username = "Learner", password = "pw", facility = Known.OtherFacility })
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(Known.OtherFacility, (string?)body["facility"]);
    }

    [Fact]
    public async Task Email_shaped_username_is_invalid_and_64_characters_is_max_length()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var email = await admin.PostAsync(Users, new { username = "bob@learningequality.org", password = "pw", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(email);
        var tooLong = new string('a', 64);
        var longBody = await admin.PostAsync(Users, new { username = tooLong, password = "pw", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("MAX_LENGTH", (string?)longBody[0]!["id"]);
        Assert.Equal("username", (string?)longBody[0]!["metadata"]!["field"]);
        Assert.Equal(0, await CountAsync("bob@learningequality.org") + await CountAsync(tooLong));
    }

    [Theory]
    [InlineData("username", null, "NULL")]
    [InlineData("username", "", "BLANK")]
    [InlineData("username", "has space", "INVALID")]
    [InlineData("username", "dash-ed", "INVALID")]
    [InlineData("username", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "MAX_LENGTH")]
    [InlineData("password", "", "BLANK")]
    [InlineData("password", null, "NULL")]
    [InlineData("full_name", "x121", "MAX_LENGTH")]
    [InlineData("id_number", "x65", "MAX_LENGTH")]
    [InlineData("gender", "ROBOT", "INVALID_CHOICE")]
    [InlineData("birth_year", "1850", "INVALID")]
    [InlineData("birth_year", "soon", "INVALID")]
    [InlineData("extra_demographics", "[list]", "INVALID")]
    [InlineData("facility", "nope", "DOES_NOT_EXIST")]
    [InlineData("facility", "fac00000000000000000000000000999", "DOES_NOT_EXIST")]
    [InlineData("facility", "[number]", "INCORRECT_TYPE")]
    [InlineData("facility", null, "NULL")]
    public async Task Bad_field_on_create_is_400_and_creates_nothing(string field, string? value, string expectedId)
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var name = Seed.UniqueName("bad");
        var body = new Dictionary<string, object?> { ["username"] = name, ["password"] = "pw", ["facility"] = Known.Facility };
        body[field] = value switch
        {
            "x121" => new string('x', 121),
            "x65" => new string('x', 65),
            "[list]" => new[] { 1 },
            "[number]" => 42,
            _ => value,
        };
        var errors = await admin.PostAsync(Users, body).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains(errors, e => (string?)e["id"] == expectedId && (string?)e["metadata"]!["field"] == field);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE username = @name OR username = @value",
            new { name, value = value ?? "" }));
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    public async Task Missing_required_field_on_create_is_required(string field)
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = new Dictionary<string, object?> { ["username"] = Seed.UniqueName("req"), ["password"] = "pw" };
        body.Remove(field);
        var errors = await admin.PostAsync(Users, body).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("REQUIRED", (string?)errors[0]!["id"]);
        Assert.Equal(field, (string?)errors[0]!["metadata"]!["field"]);
    }

    [Fact]
    public async Task Field_errors_come_before_the_permission_check()
    {
        using var anonymous = app.Anonymous();
        var body = await anonymous.PostAsync(Users, new { username = "bad name!", password = "pw" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)body[0]!["id"]);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.PostAsync(Users, new { password = "pw" }).JsonAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Created)]
    [InlineData("superuser", HttpStatusCode.Created)]
    public async Task Who_may_create_a_user_in_the_facility(string? actor, HttpStatusCode expected)
    {
        using var client = actor is null ? app.Anonymous() : await app.LoginAsync(actor, actor == "otheradmin" ? Known.OtherFacility : Known.Facility);
        var name = Seed.UniqueName("perm");
        var body = await client.PostAsync(Users, new { username = name, password = "pw", facility = Known.Facility }).JsonAsync(expected);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal(actor is null ? "NOT_AUTHENTICATED" : "PERMISSION_DENIED", (string?)body[0]!["id"]);
            Assert.Equal(0, await CountAsync(name));
        }
        else Assert.Equal(1, await CountAsync(name));
    }

    [Fact]
    public async Task Read_only_fields_are_ignored_on_create_and_update()
    {
        using var superuser = await app.LoginAsync("superuser");
        var wantedId = "0123456789abcdef0123456789abcdef";
        var body = await superuser.PostAsync(Users, new
        {
            username = Seed.UniqueName("ro"), password = "pw", id = wantedId, is_superuser = true,
            roles = new[] { new { collection = Known.Facility, kind = "admin" } },
        }).JsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(wantedId, (string?)body["id"]);
        Assert.False((bool)body["is_superuser"]!);
        Assert.Empty(body["roles"]!);
        var id = (string)body["id"]!;
        var patched = await superuser.PatchAsync($"{Users}{id}/", new { id = wantedId, is_superuser = true, roles = new[] { "admin" } })
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, (string?)patched["id"]);
        Assert.False((bool)patched["is_superuser"]!);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM device_devicepermissions WHERE user_id = @id", new { id }));
    }

    [Fact]
    public async Task Not_specified_password_needs_a_passwordless_facility()
    {
        using var superuser = await app.LoginAsync("superuser");
        var name = Seed.UniqueName("nopw");
        var body = await superuser.PostAsync(Users, new { username = name, password = "NOT_SPECIFIED", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
        Assert.Equal(0, await CountAsync(name));

        var (facility, _) = await app.Seed.OwnFacilityAsync("Passwordless School", passwordless: true);
        var created = await superuser.PostAsync(Users, new { username = name, password = "NOT_SPECIFIED", facility }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("NOT_SPECIFIED", await ColumnAsync((string)created["id"]!, "password"));
    }

    [Fact]
    public async Task Demographics_must_match_the_facility_schema()
    {
        var (facility, dataset) = await app.Seed.OwnFacilityAsync("Demographic School");
        await app.Seed.DatasetExtraFieldsAsync(dataset, """
            {"facility": {}, "on_my_own_setup": false, "pin_code": "",
             "demographic_fields": [{"id": "status", "description": "Status", "enumValues": [
                {"value": "up", "defaultLabel": "Up", "translations": []}, {"value": "down", "defaultLabel": "Down", "translations": []}],
              "translations": []}]}
            """);
        using var superuser = await app.LoginAsync("superuser");
        var name = Seed.UniqueName("demo");
        var created = await superuser.PostAsync(Users, new { username = name, password = "pw", facility, extra_demographics = new { status = "up" } })
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("up", (string?)created["extra_demographics"]!["status"]);
        var id = (string)created["id"]!;

        var patched = await superuser.PatchAsync($"{Users}{id}/", new { extra_demographics = new { status = "down" } }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("down", (string?)patched["extra_demographics"]!["status"]);

        var badPatch = await superuser.PatchAsync($"{Users}{id}/", new { extra_demographics = new { status = "invalid" } })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("extra_demographics", (string?)badPatch[0]!["metadata"]!["field"]);
        Assert.Contains("down", await ColumnAsync(id, "extra_demographics"));

        var other = Seed.UniqueName("demo");
        var badPost = await superuser.PostAsync(Users, new { username = other, password = "pw", facility, extra_demographics = new { status = "invalid" } })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)badPost[0]!["id"]);
        Assert.Equal("extra_demographics", (string?)badPost[0]!["metadata"]!["field"]);
        await superuser.PostAsync(Users, new { username = other, password = "pw", facility, extra_demographics = new { unknown = "up" } })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await CountAsync(other));
    }

    [Fact]
    public async Task Demographics_without_a_schema_are_400_not_500_unless_empty()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var name = Seed.UniqueName("nosch");
        var body = await admin.PostAsync(Users, new { username = name, password = "pw", extra_demographics = new { status = "up" } })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)body[0]!["id"]);
        Assert.Equal("extra_demographics", (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(0, await CountAsync(name));
        var created = await admin.PostAsync(Users, new { username = name, password = "pw", extra_demographics = new { } }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("{}", created["extra_demographics"]!.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task Patch_username_is_stored_and_a_patched_password_logs_in()
    {
        var old = Seed.UniqueName("mut");
        var id = await app.Seed.UserAsync(null, old, Known.Facility);
        using var superuser = await app.LoginAsync("superuser");
        var renamed = Seed.UniqueName("foo");
        var body = await superuser.PatchAsync($"{Users}{id}/", new { username = renamed }).JsonAsync(HttpStatusCode.OK);
        Snapshot.Match(body, o => o.IgnoreField("id").IgnoreField("username").IgnoreField("full_name"));
        Assert.Equal(renamed, await ColumnAsync(id, "username"));
        await superuser.PatchAsync($"{Users}{id}/", new { password = "baz" }).JsonAsync(HttpStatusCode.OK);
        using var user = await app.LoginAsync(renamed, Known.Facility, "baz");
    }

    [Fact]
    public async Task Renaming_to_another_users_name_in_other_case_is_refused_but_own_name_upper_cased_is_fine()
    {
        var name = Seed.UniqueName("case");
        var id = await app.Seed.UserAsync(null, name, Known.Facility);
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PatchAsync($"{Users}{id}/", new { username = "LEARNER2" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("USERNAME_ALREADY_EXISTS", (string?)body[0]!["id"]);
        Assert.Equal("non_field_errors", (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(name, await ColumnAsync(id, "username"));
        var upper = await superuser.PatchAsync($"{Users}{id}/", new { username = name.ToUpperInvariant() }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(name.ToUpperInvariant(), (string?)upper["username"]);
    }

    [Fact]
    public async Task A_user_changes_the_case_of_their_own_name_and_stays_logged_in()
    {
        var name = Seed.UniqueName("own");
        var id = await app.Seed.UserAsync(null, name, Known.Facility);
        using var client = await app.LoginAsync(name, Known.Facility);
        var body = await client.PatchAsync($"{Users}{id}/", new { username = name.ToUpperInvariant() }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(name.ToUpperInvariant(), (string?)body["username"]);
        Assert.Equal(name.ToUpperInvariant(), (string?)(await client.GetJsonAsync("/api/auth/session/current/"))["username"]);
    }

    [Theory]
    [InlineData("username", "bad name", "INVALID")]
    [InlineData("username", "", "BLANK")]
    [InlineData("password", "", "BLANK")]
    [InlineData("full_name", "x121", "MAX_LENGTH")]
    [InlineData("id_number", "x65", "MAX_LENGTH")]
    [InlineData("gender", "ROBOT", "INVALID_CHOICE")]
    [InlineData("birth_year", "3001", "INVALID")]
    [InlineData("extra_demographics", "text", "INVALID")]
    [InlineData("facility", "[number]", "INCORRECT_TYPE")]
    [InlineData("facility", Known.OtherFacility, "INVALID")]
    public async Task Bad_field_on_update_is_400_and_changes_nothing(string field, string value, string expectedId)
    {
        var name = Seed.UniqueName("upd");
        var id = await app.Seed.UserAsync(null, name, Known.Facility, fullName: "Unchanged");
        using var admin = await app.LoginAsync("admin", Known.Facility);
        object sent = value switch { "x121" => new string('x', 121), "x65" => new string('x', 65), "[number]" => 7, _ => value };
        var errors = await admin.PatchAsync($"{Users}{id}/", new Dictionary<string, object> { [field] = sent, ["full_name"] = field == "full_name" ? sent : "Changed" })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains(errors, e => (string?)e["id"] == expectedId && (string?)e["metadata"]!["field"] == field);
        Assert.Equal(name, await ColumnAsync(id, "username"));
        Assert.Equal("Unchanged", await ColumnAsync(id, "full_name"));
        Assert.Equal(Known.Facility, await ColumnAsync(id, "facility_id"));
        Assert.True(await app.Seed.PasswordVerifiesAsync(id, KolibriApp.Password));
    }

    [Fact]
    public async Task Put_needs_username_and_password()
    {
        var id = await app.Seed.UserAsync(null, Seed.UniqueName("put"), Known.Facility);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PutAsync($"{Users}{id}/", new { full_name = "Only Name" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["password", "username"], body.Select(e => (string)e["metadata"]!["field"]!).Order());
        var name = Seed.UniqueName("put");
        var ok = await admin.PutAsync($"{Users}{id}/", new { username = name, password = "new", full_name = "Put Name" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Put Name", (string?)ok["full_name"]);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("superuser", HttpStatusCode.OK)]
    [InlineData("self", HttpStatusCode.OK)]
    public async Task Who_may_update_a_learner(string? actor, HttpStatusCode expected)
    {
        var name = Seed.UniqueName("tgt");
        var id = await app.Seed.UserAsync(null, name, Known.Facility, fullName: "Before");
        await app.Seed.MembershipAsync(id, Known.ClassroomA);
        using var client = actor switch
        {
            null => app.Anonymous(),
            "self" => await app.LoginAsync(name, Known.Facility),
            "otheradmin" => await app.LoginAsync(actor, Known.OtherFacility),
            _ => await app.LoginAsync(actor, Known.Facility),
        };
        await client.PatchAsync($"{Users}{id}/", new { full_name = "After" }).JsonAsync(expected);
        Assert.Equal(expected == HttpStatusCode.OK ? "After" : "Before", await ColumnAsync(id, "full_name"));
    }

    [Fact]
    public async Task Coach_edits_themself()
    {
        var name = Seed.UniqueName("coach");
        var id = await app.Seed.UserAsync(null, name, Known.Facility);
        await app.Seed.RoleAsync(id, Known.Facility, "coach");
        using var coach = await app.LoginAsync(name, Known.Facility);
        var body = await coach.PatchAsync($"{Users}{id}/", new { full_name = "Coach Self" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Coach Self", (string?)body["full_name"]);
    }

    [Fact]
    public async Task Unknown_user_on_update_and_delete_is_404_and_unreadable_but_existing_is_403()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.PatchAsync($"{Users}ffffffffffffffffffffffffffffffff/", new { full_name = "x" }).JsonAsync(HttpStatusCode.NotFound);
        await learner.DeleteAsync($"{Users}ffffffffffffffffffffffffffffffff/").JsonAsync(HttpStatusCode.NotFound);
        var body = await learner.PatchAsync($"{Users}{Known.OtherLearner}/", new { full_name = "x" }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)body[0]!["id"]);
    }

    [Fact]
    public async Task Changing_ones_own_password_keeps_the_session()
    {
        var name = Seed.UniqueName("self");
        var id = await app.Seed.UserAsync(null, name, Known.Facility);
        using var client = await app.LoginAsync(name, Known.Facility);
        await client.PatchAsync($"{Users}{id}/", new { password = "changed" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(name, (string?)(await client.GetJsonAsync("/api/auth/session/current/"))["username"]);
        Assert.True(await app.Seed.PasswordVerifiesAsync(id, "changed"));
    }

    [Fact]
    public async Task A_password_changed_by_an_admin_ends_the_users_sessions()
    {
        var name = Seed.UniqueName("victim");
        var id = await app.Seed.UserAsync(null, name, Known.Facility);
        using var victim = await app.LoginAsync(name, Known.Facility);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PatchAsync($"{Users}{id}/", new { password = "reset" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("anonymous", (string?)(await victim.GetJsonAsync("/api/auth/session/current/"))["kind"]![0]);
        Assert.Equal("admin", (string?)(await admin.GetJsonAsync("/api/auth/session/current/"))["username"]);
    }

    [Fact]
    public async Task Delete_is_204_and_cascades_and_a_superuser_cannot_delete_itself()
    {
        var id = await app.Seed.UserAsync(null, Seed.UniqueName("gone"), Known.Facility);
        await app.Seed.MembershipAsync(id, Known.ClassroomA);
        await app.Seed.RoleAsync(id, Known.ClassroomB, "coach");
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.DeleteAsync($"{Users}{id}/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(JTokenType.Null, body.Type);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE id = @id", new { id }));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>(
            "SELECT (SELECT COUNT(*) FROM kolibriauth_membership WHERE user_id = @id) + (SELECT COUNT(*) FROM kolibriauth_role WHERE user_id = @id)", new { id }));

        var self = await superuser.DeleteAsync($"{Users}{Known.Superuser}/").JsonAsync(HttpStatusCode.Forbidden);
        Snapshot.Match(self);
        Assert.Equal(1, await CountAsync("superuser"));
    }

    [Fact]
    public async Task An_admin_cannot_delete_themself()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.DeleteAsync($"{Users}{Known.Admin}/").JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await CountAsync("admin"));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.NoContent)]
    [InlineData("superuser", HttpStatusCode.NoContent)]
    public async Task Who_may_delete_a_learner(string? actor, HttpStatusCode expected)
    {
        var name = Seed.UniqueName("del");
        var id = await app.Seed.UserAsync(null, name, Known.Facility);
        await app.Seed.MembershipAsync(id, Known.ClassroomA);
        using var client = actor is null ? app.Anonymous() : await app.LoginAsync(actor, actor == "otheradmin" ? Known.OtherFacility : Known.Facility);
        await client.DeleteAsync($"{Users}{id}/").JsonAsync(expected);
        Assert.Equal(expected == HttpStatusCode.NoContent ? 0 : 1, await CountAsync(name));
    }

    [Fact]
    public async Task Superuser_list_shows_learners_without_roles_and_itself_with_its_admin_role()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Users + "?member_of=" + Known.Facility);
        var learner = body.Single(u => (string?)u["username"] == "learner");
        Snapshot.Match(learner, SnapshotNameExtension.Create("learner"));
        var self = body.Single(u => (string?)u["username"] == "superuser");
        Snapshot.Match(self, SnapshotNameExtension.Create("self"));
        Assert.True((bool)self["is_superuser"]!);
        Assert.Equal("admin", (string?)self["roles"]![0]!["kind"]);
        Assert.Equal(Known.Facility, (string?)self["roles"]![0]!["collection"]);
    }

    [Fact]
    public async Task Learner_lists_only_themself_and_anonymous_gets_an_empty_list()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.GetJsonAsync(Users);
        Assert.Equal("learner", (string?)body.Single()["username"]);
        using var anonymous = app.Anonymous();
        Assert.Empty(await anonymous.GetJsonAsync(Users));
    }

    [Fact]
    public async Task Learner_cannot_read_the_superuser_and_anonymous_reads_nobody()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.GetJsonAsync($"{Users}{Known.Superuser}/", HttpStatusCode.NotFound);
        Snapshot.Match(body);
        using var anonymous = app.Anonymous();
        await anonymous.GetJsonAsync($"{Users}{Known.Learner}/", HttpStatusCode.NotFound);
        Assert.Equal("learner", (string?)(await learner.GetJsonAsync($"{Users}{Known.Learner}/"))["username"]);
    }

    [Fact]
    public async Task Class_coach_filtering_by_another_class_sees_no_users_only_in_that_class()
    {
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        var body = await coach.GetJsonAsync(Users + "?member_of=" + Known.ClassroomB);
        Assert.DoesNotContain(body, u => (string?)u["username"] == "learner2");
        Assert.Contains(await coach.GetJsonAsync(Users), u => (string?)u["username"] == "learner");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("learner", HttpStatusCode.OK)]
    [InlineData("learner2", HttpStatusCode.NotFound)]
    [InlineData("ccoach", HttpStatusCode.OK)]
    [InlineData("fcoach", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("superuser", HttpStatusCode.OK)]
    [InlineData("otheradmin", HttpStatusCode.NotFound)]
    public async Task Who_may_read_a_learner_of_class_a(string? actor, HttpStatusCode expected)
    {
        using var client = actor is null ? app.Anonymous() : await app.LoginAsync(actor, actor == "otheradmin" ? Known.OtherFacility : Known.Facility);
        await client.GetJsonAsync($"{Users}{Known.Learner}/", expected);
    }
}
