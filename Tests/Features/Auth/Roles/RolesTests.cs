using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Auth.Roles;

public sealed class RolesTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/auth/role/";
    private const string Assignable = "classroom assignable coach";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static string RoleId(string user, string collection, string kind) => Ids.Deterministic(user, collection, kind, "role");

    private Task<string> NewUserAsync(string facility = Known.Facility) => app.Seed.UserAsync(null, "r_" + Ids.New()[..10], facility);

    private async Task<string> NewClassroomAsync()
    {
        var id = Ids.New();
        await app.Seed.CollectionAsync(id, Known.Facility, "RC " + id[..8]);
        return id;
    }

    private Task<long> CountAsync(string where, object? args = null) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_role WHERE " + where, args)!;

    [Fact]
    public async Task Class_coach_lists_their_own_roles_and_those_on_their_classes()
    {
        using var ccoach = await app.LoginAsync("ccoach", Known.Facility);
        var body = await ccoach.GetJsonAsync(Url + "?user=" + Known.ClassCoach);
        Snapshot.Match(body);
        var colleague = await NewUserAsync();
        await app.Seed.RoleAsync(colleague, Known.ClassroomA, "coach");
        await app.Seed.RoleAsync(colleague, Known.Facility, "coach");
        var visible = (await ccoach.GetJsonAsync(Url + "?user=" + colleague)).Values();
        Assert.Equal([RoleId(colleague, Known.ClassroomA, "coach")], visible);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        Assert.Empty(await learner.GetJsonAsync(Url));
    }

    [Fact]
    public async Task Making_a_class_coach_adds_an_assignable_coach_role_on_the_facility()
    {
        var user = await NewUserAsync();
        var classroom = await NewClassroomAsync();
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Url, new { user, collection = classroom, kind = "coach" }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(body, o => o.IgnoreField("id").IgnoreField("user").IgnoreField("collection"));
        Assert.Equal(RoleId(user, classroom, "coach"), (string?)body["id"]);
        Assert.Equal(1, await CountAsync("id = @id AND user_id = @user AND collection_id = @f AND kind = @k AND dataset_id = @d",
            new { id = RoleId(user, Known.Facility, Assignable), user, f = Known.Facility, k = Assignable, d = Known.Dataset }));
        Assert.Equal(2, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task A_user_with_a_facility_role_gets_no_assignable_role()
    {
        var classroom = await NewClassroomAsync();
        using var superuser = await app.LoginAsync("superuser");
        await superuser.PostAsync(Url, new { user = Known.FacilityCoach, collection = classroom, kind = "coach" }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(0, await CountAsync("user_id = @u AND kind = @k", new { u = Known.FacilityCoach, k = Assignable }));
    }

    [Fact]
    public async Task Deleting_the_assignable_coach_role_removes_the_users_class_coach_roles()
    {
        var user = await NewUserAsync();
        var classroom = await NewClassroomAsync();
        await app.Seed.RoleAsync(user, classroom, "coach");
        await app.Seed.RoleAsync(user, Known.ClassroomB, "coach");
        await app.Seed.RoleAsync(user, Known.Facility, Assignable);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.DeleteAsync(Url + RoleId(user, Known.Facility, Assignable) + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
        Assert.Equal(1, await CountAsync("user_id = @u AND kind = 'coach'", new { u = Known.ClassCoach }));
    }

    [Fact]
    public async Task Bulk_delete_by_kind_applies_the_same_side_effect()
    {
        var user = await NewUserAsync();
        var classroom = await NewClassroomAsync();
        await app.Seed.RoleAsync(user, classroom, "coach");
        await app.Seed.RoleAsync(user, Known.Facility, Assignable);
        using var superuser = await app.LoginAsync("superuser");
        await superuser.DeleteAsync($"{Url}?user={user}&kind={Uri.EscapeDataString(Assignable)}").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    [Theory]
    [InlineData("admin", Known.ClassroomA)]
    [InlineData(Assignable, Known.ClassroomA)]
    [InlineData("coach", Known.GroupA1)]
    [InlineData("admin", Known.GroupA1)]
    public async Task Kinds_a_collection_does_not_take_are_400_not_500(string kind, string collection)
    {
        var user = await NewUserAsync();
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, new { user, collection, kind }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)body[0]!["id"]);
        Assert.Equal("kind", (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task Duplicate_role_is_400_unique_and_arrays_report_it_per_element()
    {
        var user = await NewUserAsync();
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var single = await admin.PostAsync(Url, new { user = Known.Admin, collection = Known.Facility, kind = "admin" }).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(single);
        var array = await admin.PostAsync(Url, new[]
        {
            new { user, collection = Known.Facility, kind = "coach" }, new { user, collection = Known.Facility, kind = "coach" },
        }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("""[{},{"non_field_errors":["The fields user, collection, kind must make a unique set."]}]""", array.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task An_array_of_roles_is_created_together()
    {
        var user = await NewUserAsync();
        var classroom = await NewClassroomAsync();
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Url, new[]
        {
            new { user, collection = Known.Facility, kind = "coach" }, new { user, collection = classroom, kind = "coach" },
        }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, body.Count());
        Assert.Equal(2, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task Cross_facility_role_is_403_even_for_a_superuser()
    {
        var user = await NewUserAsync(Known.OtherFacility);
        using var superuser = await app.LoginAsync("superuser");
        await superuser.PostAsync(Url, new { user, collection = Known.ClassroomA, kind = "coach" }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    public static TheoryData<string, object, string, string> BadCreates => new()
    {
        { "missing kind", new { user = "USER", collection = Known.Facility }, "REQUIRED", "kind" },
        { "bad kind", new { user = "USER", collection = Known.Facility, kind = "wizard" }, "INVALID_CHOICE", "kind" },
        { "numeric kind", new { user = "USER", collection = Known.Facility, kind = 1 }, "INVALID_CHOICE", "kind" },
        { "null kind", new { user = "USER", collection = Known.Facility, kind = (string?)null }, "NULL", "kind" },
        { "missing user", new { collection = Known.Facility, kind = "coach" }, "REQUIRED", "user" },
        { "unknown user", new { user = "ffffffffffffffffffffffffffffffff", collection = Known.Facility, kind = "coach" }, "DOES_NOT_EXIST", "user" },
        { "missing collection", new { user = "USER", kind = "coach" }, "REQUIRED", "collection" },
        { "list collection", new { user = "USER", collection = new[] { Known.Facility }, kind = "coach" }, "INCORRECT_TYPE", "collection" },
        { "unknown collection", new { user = "USER", collection = "nope", kind = "coach" }, "DOES_NOT_EXIST", "collection" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Bad_create_input_is_400_on_the_field_and_creates_nothing(string _, object input, string id, string field)
    {
        var user = await NewUserAsync();
        var json = System.Text.Json.JsonSerializer.Serialize(input).Replace("\"USER\"", $"\"{user}\"");
        var before = await CountAsync("1 = 1");
        using var superuser = await app.LoginAsync("superuser");
        using var response = await superuser.SendRawAsync(HttpMethod.Post, Url, json);
        var body = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(id, (string?)body[0]!["id"]);
        Assert.Equal(field, (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(before, await CountAsync("1 = 1"));
    }

    [Fact]
    public async Task Filters_by_kind_collection_and_user_ids_and_rejects_bad_values()
    {
        using var superuser = await app.LoginAsync("superuser");
        var admins = await superuser.GetJsonAsync(Url + "?kind=admin&collection=" + Known.Facility);
        Assert.Subset(admins.Values().ToHashSet(), new[] { RoleId(Known.Admin, Known.Facility, "admin"), RoleId(Known.Superuser, Known.Facility, "admin") }.ToHashSet());
        Assert.All(admins, r => Assert.Equal("admin", (string?)r["kind"]));
        Assert.Equal(2, (await superuser.GetJsonAsync($"{Url}?user_ids={Known.ClassCoach},{Known.Learner}")).Count());
        var bad = await superuser.GetJsonAsync(Url + "?kind=wizard", HttpStatusCode.BadRequest);
        Snapshot.Match(bad);
    }

    [Fact]
    public async Task A_facility_admin_may_delete_their_own_admin_role()
    {
        var user = await NewUserAsync();
        await app.Seed.RoleAsync(user, Known.Facility, "admin");
        using var self = await app.LoginAsync(await app.Seed.ScalarAsync<string>("SELECT username FROM kolibriauth_facilityuser WHERE id = @user", new { user }) ?? "", Known.Facility);
        await self.DeleteAsync(Url + RoleId(user, Known.Facility, "admin") + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task Only_superusers_update_roles_and_the_rules_still_apply()
    {
        var user = await NewUserAsync();
        await app.Seed.RoleAsync(user, Known.Facility, "coach");
        var id = RoleId(user, Known.Facility, "coach");
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PatchAsync(Url + id + "/", new { kind = "admin" }).JsonAsync(HttpStatusCode.Forbidden);
        using var superuser = await app.LoginAsync("superuser");
        var bad = await superuser.PatchAsync(Url + id + "/", new { kind = "boss" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_CHOICE", (string?)bad[0]!["id"]);
        var wrong = await superuser.PatchAsync(Url + id + "/", new { collection = Known.GroupA1 }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("kind", (string?)wrong[0]!["metadata"]!["field"]);
        Assert.Equal(1, await CountAsync("id = @id AND kind = 'coach' AND collection_id = @f", new { id, f = Known.Facility }));
        var body = await superuser.PatchAsync(Url + id + "/", new { kind = "admin" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("admin", (string?)body["kind"]);
        Assert.Equal(1, await CountAsync("id = @id AND kind = 'admin'", new { id }));
    }

    [Fact]
    public async Task Bulk_delete_needs_a_filter_and_permission_on_every_row()
    {
        using var superuser = await app.LoginAsync("superuser");
        using var response = await superuser.DeleteAsync(Url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var user = await NewUserAsync();
        await app.Seed.RoleAsync(user, Known.Facility, "coach");
        foreach (var actor in new[] { "anonymous", "learner", "fcoach", "otheradmin" })
        {
            using var client = await app.ActorAsync(actor);
            await client.DeleteAsync(Url + "?user=" + user).JsonAsync(HttpStatusCode.Forbidden);
        }
        Assert.Equal(1, await CountAsync("user_id = @user", new { user }));
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.DeleteAsync(Url + "?user=" + user).JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    public static TheoryData<string, bool, bool> Matrix => new()
    {
        // actor, reads the class coach's role on class A, creates and deletes roles
        { "anonymous", false, false }, { "learner", false, false }, { "ccoach", true, false }, { "fcoach", true, false },
        { "admin", true, true }, { "superuser", true, true }, { "otheradmin", false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Who_reads_creates_and_deletes_roles(string actor, bool reads, bool writes)
    {
        var id = RoleId(Known.ClassCoach, Known.ClassroomA, "coach");
        var user = await NewUserAsync();
        var victim = await NewUserAsync();
        await app.Seed.RoleAsync(victim, Known.Facility, "coach");
        using var client = await app.ActorAsync(actor);
        Assert.Equal(reads, (await client.GetJsonAsync(Url)).Values().Contains(id));
        await client.GetJsonAsync(Url + id + "/", reads ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        var status = writes ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
        await client.PostAsync(Url, new { user, collection = Known.Facility, kind = "coach" }).JsonAsync(status);
        await client.DeleteAsync(Url + RoleId(victim, Known.Facility, "coach") + "/").JsonAsync(writes ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden);
        await client.PatchAsync(Url + RoleId(victim, Known.Facility, "coach") + "/", new { kind = "admin" })
            .JsonAsync(writes ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        Assert.Equal(writes ? 1 : 0, await CountAsync("user_id = @user", new { user }));
        Assert.Equal(writes ? 0 : 1, await CountAsync("user_id = @victim AND kind = 'coach'", new { victim }));
    }
}
