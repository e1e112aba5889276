using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Auth.Memberships;

public sealed class MembershipsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/auth/membership/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static string MembershipId(string user, string collection) => Ids.Deterministic(user, collection, "membership");

    private Task<string> NewLearnerAsync(string facility = Known.Facility) =>
        app.Seed.UserAsync(null, "m_" + Ids.New()[..10], facility);

    private async Task<string> NewGroupAsync(string classroom)
    {
        var id = Ids.New();
        await app.Seed.CollectionAsync(id, classroom, "G " + id[..8], "learnergroup");
        return id;
    }

    private Task<long> CountAsync(string where, object? args = null) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_membership WHERE " + where, args)!;

    [Fact]
    public async Task Learner_lists_their_own_memberships_and_superuser_lists_all()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var own = await learner.GetJsonAsync(Url);
        Snapshot.Match(own);
        Assert.Equal(2, own.Count());
        using var superuser = await app.LoginAsync("superuser");
        var all = await superuser.GetJsonAsync(Url);
        Assert.Equal(await CountAsync("1 = 1"), all.Count());
        Assert.Subset(all.Values().ToHashSet(), new[]
        {
            MembershipId(Known.Learner, Known.ClassroomA), MembershipId(Known.Learner, Known.GroupA1),
            MembershipId(Known.Learner2, Known.ClassroomB), MembershipId(Known.OtherLearner, Known.OtherClassroom),
        }.ToHashSet());
    }

    [Fact]
    public async Task A_learner_reads_their_own_membership_and_another_learner_gets_404()
    {
        var id = MembershipId(Known.Learner, Known.ClassroomA);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.GetJsonAsync(Url + id + "/");
        Assert.Equal(id, (string?)body["id"]);
        using var learner2 = await app.LoginAsync("learner2", Known.Facility);
        await learner2.GetJsonAsync(Url + id + "/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Filters_pick_by_user_collection_and_user_ids()
    {
        var group = await NewGroupAsync(Known.ClassroomA);
        await app.Seed.MembershipAsync(Known.Learner, group);
        using var superuser = await app.LoginAsync("superuser");
        Assert.Equal([MembershipId(Known.Learner, group)], (await superuser.GetJsonAsync(Url + "?collection=" + group)).Values());
        await superuser.DeleteAsync(Url + MembershipId(Known.Learner, group) + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(2, (await superuser.GetJsonAsync($"{Url}?user={Known.Learner}")).Count());
        Assert.Equal(3, (await superuser.GetJsonAsync($"{Url}?user_ids={Known.Learner},{Known.Learner2}")).Count());
        var bad = await superuser.GetJsonAsync(Url + "?user=ffffffffffffffffffffffffffffffff&collection=nope", HttpStatusCode.BadRequest);
        Snapshot.Match(bad);
        var badIds = await superuser.GetJsonAsync(Url + "?user_ids=" + Known.Learner + ",nope", HttpStatusCode.BadRequest);
        Assert.Equal("user_ids", (string?)badIds[0]!["metadata"]!["field"]);
    }

    [Fact]
    public async Task Bulk_delete_by_user_and_classroom_also_removes_the_users_group_memberships()
    {
        var user = await NewLearnerAsync();
        await app.Seed.MembershipAsync(user, Known.ClassroomA);
        await app.Seed.MembershipAsync(user, Known.GroupA2);
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.DeleteAsync($"{Url}?user={user}&collection={Known.ClassroomA}").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(JTokenType.Null, body.Type);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
        Assert.Equal(2, await CountAsync("user_id = @u", new { u = Known.Learner }));
    }

    [Fact]
    public async Task Deleting_a_classroom_membership_removes_the_users_group_memberships_and_nothing_else()
    {
        var user = await NewLearnerAsync();
        await app.Seed.MembershipAsync(user, Known.ClassroomA);
        await app.Seed.MembershipAsync(user, Known.GroupA1);
        await app.Seed.MembershipAsync(user, Known.ClassroomB);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.DeleteAsync(Url + MembershipId(user, Known.ClassroomA) + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(1, await CountAsync("user_id = @user", new { user }));
        Assert.Equal(1, await CountAsync("user_id = @user AND collection_id = @b", new { user, b = Known.ClassroomB }));
        Assert.Equal(1, await CountAsync("user_id = @u AND collection_id = @g", new { u = Known.Learner, g = Known.GroupA1 }));
    }

    [Fact]
    public async Task Group_membership_needs_the_parent_classroom_membership()
    {
        var user = await NewLearnerAsync();
        var groupB = await NewGroupAsync(Known.ClassroomB);
        await app.Seed.MembershipAsync(user, Known.ClassroomA);
        await app.Seed.MembershipAsync(user, Known.ClassroomB);
        await app.Seed.MembershipAsync(user, groupB);
        using var superuser = await app.LoginAsync("superuser");
        var created = await superuser.PostAsync(Url, new { user, collection = Known.GroupA1 }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(created, o => o.IgnoreField("id").IgnoreField("user"));
        Assert.Equal(MembershipId(user, Known.GroupA1), (string?)created["id"]);
        await superuser.PostAsync(Url, new { user, collection = Known.GroupA2 }).JsonAsync(HttpStatusCode.Created);

        var outsider = await NewLearnerAsync();
        var body = await superuser.PostAsync(Url, new { user = outsider, collection = Known.GroupA1 }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("""["Cannot create membership for a user in a LearnerGroup or AdHoGroup when they are not a member of the parent Classrooom"]""",
            body.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(0, await CountAsync("user_id = @outsider", new { outsider }));
    }

    [Fact]
    public async Task An_array_may_add_the_classroom_and_then_its_group()
    {
        var user = await NewLearnerAsync();
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Url, new[] { new { user, collection = Known.ClassroomA }, new { user, collection = Known.GroupA1 } })
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, body.Count());
        Assert.Equal(2, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task A_duplicate_in_an_array_is_400_per_element_and_nothing_is_created()
    {
        var user = await NewLearnerAsync();
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Url, new[] { new { user, collection = Known.ClassroomB }, new { user = Known.Learner, collection = Known.ClassroomA } })
            .JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
        var single = await admin.PostAsync(Url, new { user = Known.Learner, collection = Known.ClassroomA }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UNIQUE", (string?)single[0]!["id"]);
        Assert.Equal("The fields user, collection must make a unique set.", (string?)single[0]!["metadata"]!["message"]);
    }

    [Fact]
    public async Task An_array_with_one_bad_or_refused_element_creates_nothing()
    {
        var user = await NewLearnerAsync();
        var other = await NewLearnerAsync(Known.OtherFacility);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var bad = await admin.PostAsync(Url, new object[] { new { user, collection = Known.ClassroomA }, new { user } }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("REQUIRED", (string?)bad[0]!["id"]);
        Assert.Equal("collection", (string?)bad[0]!["metadata"]!["field"]);
        var refused = await admin.PostAsync(Url, new[] { new { user, collection = Known.ClassroomA }, new { user = other, collection = Known.OtherClassroom } })
            .JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)refused[0]!["id"]);
        Assert.Equal(0, await CountAsync("user_id IN (@user, @other)", new { user, other }));
    }

    [Fact]
    public async Task Facility_memberships_are_refused_with_kolibris_message()
    {
        var user = await NewLearnerAsync();
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, new { user, collection = Known.Facility }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("""["Cannot create membership objects for facilities, as should already be a member by facility attribute"]""",
            body.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task Cross_facility_membership_is_403_even_for_a_superuser()
    {
        var user = await NewLearnerAsync(Known.OtherFacility);
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, new { user, collection = Known.ClassroomA }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)body[0]!["id"]);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task Coaches_manage_group_memberships_of_their_classroom_members_only()
    {
        var user = await NewLearnerAsync();
        await app.Seed.MembershipAsync(user, Known.ClassroomA);
        var stranger = await NewLearnerAsync();
        using var ccoach = await app.LoginAsync("ccoach", Known.Facility);
        await ccoach.PostAsync(Url, new { user, collection = Known.GroupA2 }).JsonAsync(HttpStatusCode.Created);
        await ccoach.PostAsync(Url, new { user = stranger, collection = Known.GroupA2 }).JsonAsync(HttpStatusCode.Forbidden);
        await ccoach.PostAsync(Url, new { user = stranger, collection = Known.ClassroomA }).JsonAsync(HttpStatusCode.Forbidden);
        await ccoach.DeleteAsync(Url + MembershipId(user, Known.ClassroomA) + "/").JsonAsync(HttpStatusCode.Forbidden);
        await ccoach.DeleteAsync(Url + MembershipId(user, Known.GroupA2) + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(1, await CountAsync("user_id = @user", new { user }));
        Assert.Equal(0, await CountAsync("user_id = @stranger", new { stranger }));
    }

    public static TheoryData<string, object, string, string> BadCreates => new()
    {
        { "missing user", new { collection = Known.ClassroomA }, "REQUIRED", "user" },
        { "null user", new { user = (string?)null, collection = Known.ClassroomA }, "NULL", "user" },
        { "unknown user", new { user = "ffffffffffffffffffffffffffffffff", collection = Known.ClassroomA }, "DOES_NOT_EXIST", "user" },
        { "malformed user", new { user = "bob", collection = Known.ClassroomA }, "DOES_NOT_EXIST", "user" },
        { "list user", new { user = new[] { "x" }, collection = Known.ClassroomA }, "INCORRECT_TYPE", "user" },
        { "missing collection", new { user = "USER" }, "REQUIRED", "collection" },
        { "unknown collection", new { user = "USER", collection = "ffffffffffffffffffffffffffffffff" }, "DOES_NOT_EXIST", "collection" },
        { "object collection", new { user = "USER", collection = new { id = 1 } }, "INCORRECT_TYPE", "collection" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Bad_create_input_is_400_on_the_field_and_creates_nothing(string _, object input, string id, string field)
    {
        var user = await NewLearnerAsync();
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
    public async Task Only_superusers_update_a_membership()
    {
        var user = await NewLearnerAsync();
        await app.Seed.MembershipAsync(user, Known.ClassroomA);
        await app.Seed.MembershipAsync(user, Known.GroupA1);
        var id = MembershipId(user, Known.ClassroomA);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PatchAsync(Url + id + "/", new { collection = Known.ClassroomB }).JsonAsync(HttpStatusCode.Forbidden);
        using var superuser = await app.LoginAsync("superuser");
        var bad = await superuser.PatchAsync(Url + id + "/", new { collection = "ffffffffffffffffffffffffffffffff" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("DOES_NOT_EXIST", (string?)bad[0]!["id"]);
        await superuser.PutAsync(Url + id + "/", new { collection = Known.ClassroomB }).JsonAsync(HttpStatusCode.BadRequest);
        var body = await superuser.PatchAsync(Url + id + "/", new { collection = Known.ClassroomB }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Known.ClassroomB, (string?)body["collection"]);
        Assert.Equal(1, await CountAsync("user_id = @user", new { user }));
        Assert.Equal(1, await CountAsync("id = @id AND collection_id = @b", new { id, b = Known.ClassroomB }));
    }

    [Fact]
    public async Task Bulk_delete_needs_a_filter_and_answers_400_with_an_empty_body()
    {
        using var superuser = await app.LoginAsync("superuser");
        var before = await CountAsync("1 = 1");
        using var response = await superuser.DeleteAsync(Url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await superuser.DeleteAsync(Url + "?user=nope").JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountAsync("1 = 1"));
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("learner")]
    [InlineData("ccoach")]
    [InlineData("otheradmin")]
    public async Task Bulk_delete_without_permission_on_every_row_deletes_nothing(string actor)
    {
        var user = await NewLearnerAsync();
        await app.Seed.MembershipAsync(user, Known.ClassroomA);
        await app.Seed.MembershipAsync(user, Known.GroupA1);
        using var client = await app.ActorAsync(actor);
        var body = await client.DeleteAsync($"{Url}?user={user}").JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(actor == "anonymous" ? "NOT_AUTHENTICATED" : "PERMISSION_DENIED", (string?)body[0]!["id"]);
        Assert.Equal(2, await CountAsync("user_id = @user", new { user }));
    }

    public static TheoryData<string, bool, bool, bool> Matrix => new()
    {
        // actor, reads the learner's class A membership, adds to a classroom, adds to a group of class A
        { "anonymous", false, false, false }, { "learner", true, false, false }, { "ccoach", true, false, true },
        { "fcoach", true, false, true }, { "admin", true, true, true }, { "superuser", true, true, true }, { "otheradmin", false, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Who_reads_creates_and_deletes_memberships(string actor, bool reads, bool writesClassrooms, bool writesGroups)
    {
        var user = await NewLearnerAsync();
        await app.Seed.MembershipAsync(user, Known.ClassroomB);
        var id = MembershipId(Known.Learner, Known.ClassroomA);
        using var client = await app.ActorAsync(actor);
        Assert.Equal(reads, (await client.GetJsonAsync(Url)).Values().Contains(id));
        await client.GetJsonAsync(Url + id + "/", reads ? HttpStatusCode.OK : HttpStatusCode.NotFound);

        await client.PostAsync(Url, new { user, collection = Known.ClassroomA }).JsonAsync(writesClassrooms ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
        if (!writesClassrooms) await app.Seed.MembershipAsync(user, Known.ClassroomA);
        await client.PostAsync(Url, new { user, collection = Known.GroupA2 }).JsonAsync(writesGroups ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
        if (writesGroups) await client.DeleteAsync(Url + MembershipId(user, Known.GroupA2) + "/").JsonAsync(HttpStatusCode.NoContent);
        await client.DeleteAsync(Url + MembershipId(user, Known.ClassroomB) + "/").JsonAsync(writesClassrooms ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden);
        await client.PatchAsync(Url + MembershipId(user, Known.ClassroomA) + "/", new { collection = Known.ClassroomA })
            .JsonAsync(actor == "superuser" ? HttpStatusCode.OK : HttpStatusCode.Forbidden);

        Assert.Equal(writesClassrooms ? 0 : 1, await CountAsync("user_id = @user AND collection_id = @b", new { user, b = Known.ClassroomB }));
        Assert.Equal(0, await CountAsync("user_id = @user AND collection_id = @g", new { user, g = Known.GroupA2 }));
    }
}
