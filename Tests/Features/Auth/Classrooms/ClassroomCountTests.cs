using System.Net;

namespace KolibriSlices.Tests.Features.Auth.Classrooms;

/// <summary>
/// A classroom's <c>learner_count</c> and a page's total come from counts that triggers keep (migration M0106): they
/// must follow memberships and classrooms created, deleted, moved and removed by cascades. A database of its own.
/// </summary>
public sealed class ClassroomCountTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Classrooms = "/api/auth/classroom/";
    private const string Memberships = "/api/auth/membership/";
    private const string F1 = "f1000000000000000000000000000001";
    private const string F2 = "f2000000000000000000000000000002";
    private const string C1 = "c1000000000000000000000000000001";
    private const string C2 = "c2000000000000000000000000000002";
    private const string Other = "c3000000000000000000000000000003";
    private const string Group = "90000000000000000000000000000001";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection") > 0) return;
        await app.Seed.FacilityAsync(F1, "d1000000000000000000000000000001", "First");
        await app.Seed.FacilityAsync(F2, "d2000000000000000000000000000002", "Second");
        await app.Seed.DeviceSettingsAsync(F1);
        await app.Seed.UserAsync("a0000000000000000000000000000008", "superuser", F1);
        await app.Seed.DevicePermissionsAsync("a0000000000000000000000000000008", superuser: true, canManageContent: true);
        await app.Seed.CollectionAsync(C1, F1, "One");
        await app.Seed.CollectionAsync(C2, F1, "Two");
        await app.Seed.CollectionAsync(Other, F2, "Other");
        await app.Seed.CollectionAsync(Group, C1, "Group", "learnergroup");
        for (var i = 1; i <= 3; i++)
        {
            var learner = await app.Seed.UserAsync($"b000000000000000000000000000000{i}", $"learner{i}", F1);
            await app.Seed.MembershipAsync(learner, C1);
            await app.Seed.MembershipAsync(learner, Group);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Each classroom's learner_count, from the list and from a count of the memberships.</summary>
    private async Task<Dictionary<string, (long Listed, long Counted)>> LearnerCountsAsync(ApiClient client)
    {
        var counts = new Dictionary<string, (long, long)>();
        foreach (var classroom in await client.GetJsonAsync(Classrooms))
        {
            var id = (string)classroom["id"]!;
            counts[id] = ((long)classroom["learner_count"]!,
                await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_membership WHERE collection_id = @id", new { id }));
        }
        return counts;
    }

    /// <summary>A page's count, for every classroom and for each facility given, against the length of the unpaged list.</summary>
    private static async Task AssertPagedCountsAsync(ApiClient client, params string[] facilities)
    {
        foreach (var query in facilities.Select(f => "&parent=" + f).Prepend(""))
        {
            var all = await client.GetJsonAsync(Classrooms + "?" + query.TrimStart('&'));
            Assert.Equal(all.Count(), (long)(await client.GetJsonAsync(Classrooms + "?page_size=1" + query))["count"]!);
        }
    }

    [Fact]
    public async Task Learner_counts_and_page_totals_follow_every_change()
    {
        using var superuser = await app.LoginAsync("superuser", F1);
        Assert.Equal(3, (await LearnerCountsAsync(superuser))[C1].Listed);
        Assert.Equal(3, (long)(await superuser.GetJsonAsync(Classrooms + "?page_size=1"))["count"]!);
        await AssertPagedCountsAsync(superuser, F1, F2);

        // Memberships through the API: added, removed, and a group's not counted in its classroom's.
        var newcomer = await app.Seed.UserAsync("b0000000000000000000000000000009", "newcomer", F1);
        await superuser.PostAsync(Memberships, new[] { new { user = newcomer, collection = C2 }, new { user = newcomer, collection = C1 } })
            .JsonAsync(HttpStatusCode.Created);
        var counts = await LearnerCountsAsync(superuser);
        Assert.Equal((4, 4), counts[C1]);
        Assert.Equal((1, 1), counts[C2]);
        await superuser.DeleteAsync($"{Memberships}?user={newcomer}&collection={C2}").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal((0, 0), (await LearnerCountsAsync(superuser))[C2]);

        // No endpoint moves a membership or a classroom, but an imported or synced database may: the counts follow.
        await app.Seed.ScalarAsync<long>("UPDATE kolibriauth_membership SET collection_id = @c2 WHERE user_id = @newcomer RETURNING 1",
            new { c2 = C2, newcomer });
        await app.Seed.ScalarAsync<long>("UPDATE kolibriauth_collection SET parent_id = @f2 WHERE id = @c2 RETURNING 1", new { f2 = F2, c2 = C2 });
        counts = await LearnerCountsAsync(superuser);
        Assert.Equal((3, 3), counts[C1]);
        Assert.Equal((1, 1), counts[C2]);
        await AssertPagedCountsAsync(superuser, F1, F2);

        // A deleted user's memberships, a deleted classroom and a deleted facility's classrooms are counted out.
        (await superuser.DeleteAsync("/api/auth/facilityuser/b0000000000000000000000000000001/")).EnsureSuccessStatusCode();
        Assert.Equal((2, 2), (await LearnerCountsAsync(superuser))[C1]);
        (await superuser.DeleteAsync(Classrooms + C1 + "/")).EnsureSuccessStatusCode();
        Assert.Equal(0, await app.Seed.ScalarAsync<long>(
            "SELECT COUNT(*) FROM kolibrislices_collection_members WHERE collection_id IN (@c1, @group)", new { c1 = C1, group = Group }));
        await AssertPagedCountsAsync(superuser, F1, F2);
        (await superuser.DeleteAsync("/api/auth/facility/" + F2 + "/")).EnsureSuccessStatusCode();
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibrislices_facility_classrooms WHERE facility_id = @f2", new { f2 = F2 }));
        Assert.Equal(0, (long)(await superuser.GetJsonAsync(Classrooms + "?page_size=1"))["count"]!);
        await AssertPagedCountsAsync(superuser, F1);

        // A classroom created through the API is counted, with no learners.
        var created = await superuser.PostAsync(Classrooms, new { name = "Fresh", parent = F1 }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(0, (long)created["learner_count"]!);
        Assert.Equal(1, (long)(await superuser.GetJsonAsync(Classrooms + "?page_size=1&parent=" + F1))["count"]!);
        await AssertPagedCountsAsync(superuser, F1);
    }
}
