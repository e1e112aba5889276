using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Auth.Classrooms;

public sealed class ClassroomsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/auth/classroom/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> NewClassroomAsync(string facility = Known.Facility)
    {
        var id = Ids.New();
        await app.Seed.CollectionAsync(id, facility, "Class " + id[..8]);
        return id;
    }

    private Task<long> CountAsync(string where, object? args = null) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE " + where, args)!;

    [Fact]
    public async Task Superuser_lists_every_classroom_sorted_by_id_with_learner_count_and_coaches()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url + "?parent=" + Known.Facility);
        Snapshot.Match(new JArray(body.Where(c => (string)c["id"]! is Known.ClassroomA or Known.ClassroomB)));
        var all = await superuser.GetJsonAsync(Url);
        var ids = all.Select(c => (string)c["id"]!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Contains(Known.OtherClassroom, ids);
    }

    [Fact]
    public async Task New_classrooms_have_no_learners_and_no_coaches()
    {
        var id = await NewClassroomAsync();
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url);
        var item = body.Single(c => (string)c["id"]! == id);
        Assert.Equal(["coaches", "id", "learner_count", "name", "parent"], ((JObject)item).Properties().Select(p => p.Name).Order());
        Assert.Equal(0, (int)item["learner_count"]!);
        Assert.Empty(item["coaches"]!);
        Assert.Equal(Known.Facility, (string?)item["parent"]);
    }

    [Fact]
    public async Task Learner_sees_no_classrooms_and_gets_404_on_their_own()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        Assert.Empty(await learner.GetJsonAsync(Url));
        Assert.Empty(await learner.GetJsonAsync(Url + "?parent=" + Known.Facility));
        var body = await learner.GetJsonAsync(Url + Known.ClassroomA + "/", HttpStatusCode.NotFound);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Superuser_made_coach_of_a_class_shows_their_assignable_coach_role_on_the_facility()
    {
        var classroom = await NewClassroomAsync();
        var user = await app.Seed.UserAsync(null, "su_" + classroom[..8], Known.Facility);
        await app.Seed.DevicePermissionsAsync(user, superuser: true, canManageContent: true);
        await app.Seed.RoleAsync(user, classroom, "coach");
        await app.Seed.RoleAsync(user, Known.Facility, "classroom assignable coach");
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url + classroom + "/");
        var coach = Assert.Single(body["coaches"]!);
        Assert.True((bool)coach["is_superuser"]!);
        var role = Assert.Single(coach["roles"]!);
        Assert.Equal(Known.Facility, (string?)role["collection"]);
        Assert.Equal("classroom assignable coach", (string?)role["kind"]);
        Assert.Equal(Ids.Deterministic(user, Known.Facility, "classroom assignable coach", "role"), (string?)role["id"]);
    }

    [Fact]
    public async Task Facility_admin_made_coach_of_a_class_shows_their_admin_role()
    {
        var classroom = await NewClassroomAsync();
        await app.Seed.RoleAsync(Known.Admin, classroom, "coach");
        using var superuser = await app.LoginAsync("superuser");
        var coach = Assert.Single((await superuser.GetJsonAsync(Url + classroom + "/"))["coaches"]!);
        Assert.False((bool)coach["is_superuser"]!);
        Assert.Equal("Facility Admin", (string?)coach["full_name"]);
        var role = Assert.Single(coach["roles"]!);
        Assert.Equal("admin", (string?)role["kind"]);
        Assert.Equal(Known.Facility, (string?)role["collection"]);
    }

    [Fact]
    public async Task A_user_with_two_roles_on_a_class_and_two_on_its_facility_is_one_coach_with_the_first_facility_role()
    {
        var classroom = await NewClassroomAsync();
        var twoRoles = await app.Seed.UserAsync("f" + classroom[1..], "tworoles_" + classroom[..8], Known.Facility);
        await app.Seed.RoleAsync(twoRoles, classroom, "coach");
        await app.Seed.RoleAsync(twoRoles, classroom, "admin");
        await app.Seed.RoleAsync(twoRoles, Known.Facility, "classroom assignable coach");
        await app.Seed.RoleAsync(twoRoles, Known.Facility, "admin");
        var plain = await app.Seed.UserAsync("0" + classroom[1..], "plain_" + classroom[..8], Known.Facility);
        await app.Seed.RoleAsync(plain, classroom, "coach");
        using var superuser = await app.LoginAsync("superuser");

        var coaches = (await superuser.GetJsonAsync(Url + classroom + "/"))["coaches"]!;
        Assert.Equal([plain, twoRoles], coaches.Select(c => (string)c["id"]!));
        Assert.Empty(coaches[0]!["roles"]!);
        var role = Assert.Single(coaches[1]!["roles"]!);
        Assert.Equal("admin", (string?)role["kind"]);
        Assert.Equal(Ids.Deterministic(twoRoles, Known.Facility, "admin", "role"), (string?)role["id"]);
        var listed = (await superuser.GetJsonAsync(Url + "?page_size=1000"))["results"]!.Single(c => (string)c["id"]! == classroom);
        Assert.True(JToken.DeepEquals(coaches, listed["coaches"]));

        // The database writes the coaches array (ClassroomObject); its bytes must be what System.Text.Json writes.
        var raw = await (await superuser.GetAsync(Url + classroom + "/")).Content.ReadAsStringAsync();
        var adminRole = Ids.Deterministic(twoRoles, Known.Facility, "admin", "role");
        Assert.Contains($$"""
            "coaches":[{"id":"{{plain}}","facility":"{{Known.Facility}}","is_superuser":false,"full_name":"{{coaches[0]!["full_name"]}}","username":"plain_{{classroom[..8]}}","roles":[]},{"id":"{{twoRoles}}","facility":"{{Known.Facility}}","is_superuser":false,"full_name":"{{coaches[1]!["full_name"]}}","username":"tworoles_{{classroom[..8]}}","roles":[{"kind":"admin","collection":"{{Known.Facility}}","id":"{{adminRole}}"}]}]
            """, raw);
    }

    [Fact]
    public async Task Role_coach_filter_gives_a_superuser_every_classroom()
    {
        using var superuser = await app.LoginAsync("superuser");
        Assert.Equal((await superuser.GetJsonAsync(Url)).Values(), (await superuser.GetJsonAsync(Url + "?role=coach")).Values());
    }

    [Fact]
    public async Task Role_filter_limits_coaches_to_classes_they_coach()
    {
        using var ccoach = await app.LoginAsync("ccoach", Known.Facility);
        Assert.Equal([Known.ClassroomA], (await ccoach.GetJsonAsync(Url + "?role=coach")).Values());
        using var fcoach = await app.LoginAsync("fcoach", Known.Facility);
        Assert.Equal((await fcoach.GetJsonAsync(Url)).Values(), (await fcoach.GetJsonAsync(Url + "?role=coach")).Values());
        using var anonymous = app.Anonymous();
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?role=coach"));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData(Known.ClassroomA)]
    [InlineData("ffffffffffffffffffffffffffffffff")]
    public async Task Parent_filter_that_is_not_a_facility_is_invalid_choice(string parent)
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url + "?parent=" + parent, HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_CHOICE", (string?)body[0]!["id"]);
        Assert.Equal("parent", (string?)body[0]!["metadata"]!["field"]);
    }

    [Fact]
    public async Task Admin_creates_a_classroom_and_gets_it_back()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Url, new { name = "Basic Rock Theory", parent = Known.Facility }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(body, o => o.IgnoreField("id"));
        Assert.Equal(1, await CountAsync("id = @id AND name = 'Basic Rock Theory' AND kind = 'classroom' AND dataset_id = @ds",
            new { id = (string)body["id"]!, ds = Known.Dataset }));
    }

    [Fact]
    public async Task Reusing_a_class_name_in_the_facility_is_400_unique()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, new { name = "Class A", parent = Known.Facility }).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
        Assert.Equal(1, await CountAsync("name = 'Class A'"));
        await superuser.PostAsync(Url, new { name = "Class A", parent = Known.OtherFacility }).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_classroom_as_parent_is_400_with_kolibris_wrapped_message()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, new { name = "Nested", parent = Known.ClassroomA }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("""["['Classroom must be the child of a Facility']"]""", body.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(0, await CountAsync("name = 'Nested'"));
    }

    public static TheoryData<string, object, string, string> BadCreates => new()
    {
        { "missing name", new { parent = Known.Facility }, "REQUIRED", "name" },
        { "blank name", new { name = "  ", parent = Known.Facility }, "BLANK", "name" },
        { "null name", new { name = (string?)null, parent = Known.Facility }, "NULL", "name" },
        { "long name", new { name = new string('x', 101), parent = Known.Facility }, "MAX_LENGTH", "name" },
        { "list name", new { name = new[] { "a" }, parent = Known.Facility }, "INVALID", "name" },
        { "missing parent", new { name = "Bad1" }, "REQUIRED", "parent" },
        { "null parent", new { name = "Bad2", parent = (string?)null }, "NULL", "parent" },
        { "unknown parent", new { name = "Bad3", parent = "ffffffffffffffffffffffffffffffff" }, "DOES_NOT_EXIST", "parent" },
        { "malformed parent", new { name = "Bad4", parent = "nope" }, "DOES_NOT_EXIST", "parent" },
        { "list parent", new { name = "Bad5", parent = new[] { Known.Facility } }, "INCORRECT_TYPE", "parent" },
        { "object parent", new { name = "Bad6", parent = new { id = Known.Facility } }, "INCORRECT_TYPE", "parent" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Bad_create_input_is_400_on_the_field_and_creates_nothing(string _, object input, string id, string field)
    {
        var before = await CountAsync("kind = 'classroom'");
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, input).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(id, (string?)body[0]!["id"]);
        Assert.Equal(field, (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(before, await CountAsync("kind = 'classroom'"));
    }

    [Fact]
    public async Task Field_errors_come_before_permission_errors()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.PostAsync(Url, new { parent = Known.Facility }).JsonAsync(HttpStatusCode.BadRequest);
        await learner.PostAsync(Url, new { name = "x", parent = Known.Facility }).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_renames_a_classroom()
    {
        var id = await NewClassroomAsync();
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PatchAsync(Url + id + "/", new { name = "Renamed " + id[..6] }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed " + id[..6], (string?)body["name"]);
        Assert.Equal(1, await CountAsync("id = @id AND name = @name", new { id, name = "Renamed " + id[..6] }));
        var put = await admin.PutAsync(Url + id + "/", new { name = "Put " + id[..6], parent = Known.Facility }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Put " + id[..6], (string?)put["name"]);
    }

    [Fact]
    public async Task Parent_cannot_change_after_creation()
    {
        var id = await NewClassroomAsync();
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PatchAsync(Url + id + "/", new { parent = Known.OtherFacility }).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
        Assert.Equal(1, await CountAsync("id = @id AND parent_id = @parent", new { id, parent = Known.Facility }));
    }

    [Fact]
    public async Task Renaming_onto_a_sibling_name_is_400_unique_and_changes_nothing()
    {
        var id = await NewClassroomAsync();
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PatchAsync(Url + id + "/", new { name = "Class B" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UNIQUE", (string?)body[0]!["id"]);
        Assert.Equal(1, await CountAsync("id = @id AND name = @name", new { id, name = "Class " + id[..8] }));
    }

    [Theory]
    [InlineData("", "BLANK")]
    [InlineData(null, "NULL")]
    public async Task Bad_rename_is_400_and_changes_nothing(string? name, string error)
    {
        var id = await NewClassroomAsync();
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PatchAsync(Url + id + "/", new Dictionary<string, object?> { ["name"] = name }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(error, (string?)body[0]!["id"]);
        Assert.Equal(1, await CountAsync("id = @id AND name = @name", new { id, name = "Class " + id[..8] }));
        var put = await superuser.PutAsync(Url + id + "/", new { }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("REQUIRED", (string?)put[0]!["id"]);
    }

    [Fact]
    public async Task Deleting_a_classroom_cascades_to_groups_memberships_and_roles()
    {
        var id = await NewClassroomAsync();
        var group = Ids.New();
        await app.Seed.CollectionAsync(group, id, "Doomed group", "learnergroup");
        await app.Seed.MembershipAsync(Known.Learner2, id);
        await app.Seed.MembershipAsync(Known.Learner2, group);
        await app.Seed.RoleAsync(Known.FacilityCoach, id, "coach");
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.DeleteAsync(Url + id + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(JTokenType.Null, body.Type);
        Assert.Equal(0, await CountAsync("id IN (@id, @group)", new { id, group }));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_membership WHERE collection_id IN (@id, @group)", new { id, group }));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_role WHERE collection_id = @id", new { id }));
        Assert.Equal(1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_membership WHERE user_id = @u", new { u = Known.Learner2 }));
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_are_404_for_every_method()
    {
        using var superuser = await app.LoginAsync("superuser");
        foreach (var id in new[] { "ffffffffffffffffffffffffffffffff", "nope", Known.Facility, Known.GroupA1 })
        {
            await superuser.GetJsonAsync(Url + id + "/", HttpStatusCode.NotFound);
            await superuser.PatchAsync(Url + id + "/", new { name = "x" }).JsonAsync(HttpStatusCode.NotFound);
            await superuser.DeleteAsync(Url + id + "/").JsonAsync(HttpStatusCode.NotFound);
        }
    }

    public static TheoryData<string, bool, int> Reads => new()
    {
        { "anonymous", false, 0 }, { "learner", false, 0 }, { "ccoach", true, 1 }, { "fcoach", true, 2 },
        { "admin", true, 2 }, { "superuser", true, 3 }, { "otheradmin", false, 1 },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Who_reads_classrooms(string actor, bool readsClassA, int standardCount)
    {
        using var client = await app.ActorAsync(actor);
        var list = await client.GetJsonAsync(Url);
        var standard = new[] { Known.ClassroomA, Known.ClassroomB, Known.OtherClassroom };
        Assert.Equal(standardCount, list.Values().Count(standard.Contains));
        await client.GetJsonAsync(Url + Known.ClassroomA + "/", readsClassA ? HttpStatusCode.OK : HttpStatusCode.NotFound);
    }

    public static TheoryData<string, bool> Writes => new()
    {
        { "anonymous", false }, { "learner", false }, { "ccoach", false }, { "fcoach", false },
        { "admin", true }, { "superuser", true }, { "otheradmin", false },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Who_creates_updates_and_deletes_classrooms(string actor, bool allowed)
    {
        var id = await NewClassroomAsync();
        using var client = await app.ActorAsync(actor);
        var denied = actor == "anonymous" ? "NOT_AUTHENTICATED" : "PERMISSION_DENIED";
        var name = "Made by " + actor + id[..4];

        var created = await client.PostAsync(Url, new { name, parent = Known.Facility })
            .JsonAsync(allowed ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
        var updated = await client.PatchAsync(Url + id + "/", new { name = name + "!" })
            .JsonAsync(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        await client.DeleteAsync(Url + id + "/").JsonAsync(allowed ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden);

        Assert.Equal(allowed ? 1 : 0, await CountAsync("name = @name", new { name }));
        Assert.Equal(allowed ? 0 : 1, await CountAsync("id = @id", new { id }));
        if (!allowed)
        {
            Assert.Equal(denied, (string?)created[0]!["id"]);
            Assert.Equal(denied, (string?)updated[0]!["id"]);
            Assert.Equal("Classroom List", (string?)created[0]!["metadata"]!["view"]);
            Assert.Equal("Classroom Instance", (string?)updated[0]!["metadata"]!["view"]);
        }
    }
}
