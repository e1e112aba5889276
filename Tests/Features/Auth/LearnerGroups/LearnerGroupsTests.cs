using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Auth.LearnerGroups;

public sealed class LearnerGroupsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/auth/learnergroup/";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await CountAsync("id = @id", new { id = AdHoc }) == 0)
            await app.Seed.CollectionAsync(AdHoc, Known.ClassroomA, "Ad hoc", "adhoclearnersgroup");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private const string AdHoc = "ad000000000000000000000000000001";

    private async Task<string> NewGroupAsync(string classroom = Known.ClassroomA)
    {
        var id = Ids.New();
        await app.Seed.CollectionAsync(id, classroom, "Group " + id[..8], "learnergroup");
        return id;
    }

    private Task<long> CountAsync(string where, object? args = null) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE " + where, args)!;

    [Fact]
    public async Task Superuser_lists_every_learner_group_with_its_members()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url);
        Snapshot.Match(new JArray(body.Where(g => (string)g["id"]! is Known.GroupA1 or Known.GroupA2)));
        Assert.DoesNotContain(AdHoc, body.Values());
        Assert.All(body, g => Assert.Equal(["id", "name", "parent", "user_ids"], ((JObject)g).Properties().Select(p => p.Name)));
    }

    [Fact]
    public async Task Learner_sees_no_groups_not_even_their_own()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        Assert.Empty(await learner.GetJsonAsync(Url));
        Assert.Empty(await learner.GetJsonAsync(Url + "?parent=" + Known.ClassroomA));
        await learner.GetJsonAsync(Url + Known.GroupA1 + "/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Parent_filter_gives_only_that_classrooms_groups()
    {
        var inB = await NewGroupAsync(Known.ClassroomB);
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url + "?parent=" + Known.ClassroomA);
        Assert.All(body, g => Assert.Equal(Known.ClassroomA, (string?)g["parent"]));
        Assert.Contains(Known.GroupA1, body.Values());
        Assert.DoesNotContain(inB, body.Values());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData(Known.Facility)]
    [InlineData("ffffffffffffffffffffffffffffffff")]
    public async Task Parent_filter_that_is_not_a_classroom_is_invalid_choice(string parent)
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url + "?parent=" + parent, HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_CHOICE", (string?)body[0]!["id"]);
    }

    [Fact]
    public async Task Ad_hoc_groups_are_not_learner_groups()
    {
        using var superuser = await app.LoginAsync("superuser");
        await superuser.GetJsonAsync(Url + AdHoc + "/", HttpStatusCode.NotFound);
        await superuser.DeleteAsync(Url + AdHoc + "/").JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await CountAsync("id = @id", new { id = AdHoc }));
    }

    [Fact]
    public async Task Class_coach_creates_a_group_in_their_classroom()
    {
        using var ccoach = await app.LoginAsync("ccoach", Known.Facility);
        var body = await ccoach.PostAsync(Url, new { name = "Rhythm section", parent = Known.ClassroomA }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(body, o => o.IgnoreField("id"));
        Assert.Equal(1, await CountAsync("id = @id AND kind = 'learnergroup' AND parent_id = @p AND dataset_id = @d",
            new { id = (string)body["id"]!, p = Known.ClassroomA, d = Known.Dataset }));
        await ccoach.PostAsync(Url, new { name = "Not mine", parent = Known.ClassroomB }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountAsync("name = 'Not mine'"));
    }

    [Fact]
    public async Task Reusing_a_group_name_in_the_classroom_is_400_unique()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, new { name = "Group A1", parent = Known.ClassroomA }).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
        Assert.Equal(1, await CountAsync("name = 'Group A1'"));
    }

    [Theory]
    [InlineData(Known.GroupA1)]
    [InlineData(Known.Facility)]
    public async Task A_parent_that_is_not_a_classroom_is_400(string parent)
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, new { name = "Misplaced", parent }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("""["['LearnerGroup must be the child of a Classroom']"]""", body.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(0, await CountAsync("name = 'Misplaced'"));
    }

    public static TheoryData<string, object, string, string> BadCreates => new()
    {
        { "missing name", new { parent = Known.ClassroomA }, "REQUIRED", "name" },
        { "blank name", new { name = "", parent = Known.ClassroomA }, "BLANK", "name" },
        { "null name", new { name = (string?)null, parent = Known.ClassroomA }, "NULL", "name" },
        { "long name", new { name = new string('g', 101), parent = Known.ClassroomA }, "MAX_LENGTH", "name" },
        { "object name", new { name = new { a = 1 }, parent = Known.ClassroomA }, "INVALID", "name" },
        { "missing parent", new { name = "BadG1" }, "REQUIRED", "parent" },
        { "null parent", new { name = "BadG2", parent = (string?)null }, "NULL", "parent" },
        { "unknown parent", new { name = "BadG3", parent = "ffffffffffffffffffffffffffffffff" }, "DOES_NOT_EXIST", "parent" },
        { "list parent", new { name = "BadG4", parent = new[] { Known.ClassroomA } }, "INCORRECT_TYPE", "parent" },
        { "boolean parent", new { name = "BadG5", parent = true }, "INCORRECT_TYPE", "parent" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Bad_create_input_is_400_on_the_field_and_creates_nothing(string _, object input, string id, string field)
    {
        var before = await CountAsync("kind = 'learnergroup'");
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, input).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(id, (string?)body[0]!["id"]);
        Assert.Equal(field, (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(before, await CountAsync("kind = 'learnergroup'"));
    }

    [Fact]
    public async Task Renaming_works_and_moving_to_another_classroom_is_400()
    {
        var id = await NewGroupAsync();
        using var fcoach = await app.LoginAsync("fcoach", Known.Facility);
        var body = await fcoach.PatchAsync(Url + id + "/", new { name = "Renamed " + id[..6] }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed " + id[..6], (string?)body["name"]);
        var moved = await fcoach.PatchAsync(Url + id + "/", new { parent = Known.ClassroomB }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("parent", (string?)moved[0]!["metadata"]!["field"]);
        var clash = await fcoach.PatchAsync(Url + id + "/", new { name = "Group A2" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UNIQUE", (string?)clash[0]!["id"]);
        var blank = await fcoach.PutAsync(Url + id + "/", new { name = " ", parent = Known.ClassroomA }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BLANK", (string?)blank[0]!["id"]);
        Assert.Equal(1, await CountAsync("id = @id AND name = @name AND parent_id = @p", new { id, name = "Renamed " + id[..6], p = Known.ClassroomA }));
    }

    [Fact]
    public async Task Deleting_a_group_removes_its_memberships_only()
    {
        var id = await NewGroupAsync();
        await app.Seed.MembershipAsync(Known.Learner, id);
        using var ccoach = await app.LoginAsync("ccoach", Known.Facility);
        await ccoach.DeleteAsync(Url + id + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await CountAsync("id = @id", new { id }));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_membership WHERE collection_id = @id", new { id }));
        Assert.Equal(1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_membership WHERE collection_id = @a AND user_id = @u",
            new { a = Known.ClassroomA, u = Known.Learner }));
    }

    public static TheoryData<string, bool> Reads => new()
    {
        { "anonymous", false }, { "learner", false }, { "ccoach", true }, { "fcoach", true },
        { "admin", true }, { "superuser", true }, { "otheradmin", false },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Who_reads_learner_groups(string actor, bool reads)
    {
        using var client = await app.ActorAsync(actor);
        var list = await client.GetJsonAsync(Url);
        Assert.Equal(reads, list.Values().Contains(Known.GroupA1));
        await client.GetJsonAsync(Url + Known.GroupA1 + "/", reads ? HttpStatusCode.OK : HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Who_creates_updates_and_deletes_learner_groups(string actor, bool allowed)
    {
        var id = await NewGroupAsync();
        using var client = await app.ActorAsync(actor);
        var name = "By " + actor + id[..4];
        var status = allowed ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
        var created = await client.PostAsync(Url, new { name, parent = Known.ClassroomA }).JsonAsync(status);
        await client.PatchAsync(Url + id + "/", new { name = name + "!" }).JsonAsync(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        await client.DeleteAsync(Url + id + "/").JsonAsync(allowed ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden);
        Assert.Equal(allowed ? 1 : 0, await CountAsync("name = @name", new { name }));
        Assert.Equal(allowed ? 0 : 1, await CountAsync("id = @id", new { id }));
        if (!allowed) Assert.Equal(actor == "anonymous" ? "NOT_AUTHENTICATED" : "PERMISSION_DENIED", (string?)created[0]!["id"]);
    }
}
