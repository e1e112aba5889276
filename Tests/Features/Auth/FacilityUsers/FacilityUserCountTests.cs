using System.Net;

namespace KolibriSlices.Tests.Features.Auth.FacilityUsers;

/// <summary>
/// A page of every user of the device takes its count from the per-facility counts that triggers keep (migration
/// M0104): they must follow creates, deletes, moves between facilities and a facility's cascade. A database of its own.
/// </summary>
public sealed class FacilityUserCountTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Users = "/api/auth/facilityuser/";
    private const string F1 = "f1000000000000000000000000000001";
    private const string F2 = "f2000000000000000000000000000002";
    private const string F3 = "f3000000000000000000000000000003";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection") > 0) return;
        await app.Seed.FacilityAsync(F1, "d1000000000000000000000000000001", "First");
        await app.Seed.FacilityAsync(F2, "d2000000000000000000000000000002", "Second");
        await app.Seed.FacilityAsync(F3, "d3000000000000000000000000000003", "Third");
        await app.Seed.DeviceSettingsAsync(F1);
        await app.Seed.UserAsync("a0000000000000000000000000000001", "principal", F1);
        await app.Seed.RoleAsync("a0000000000000000000000000000001", F1, "admin");
        await app.Seed.UserAsync("a0000000000000000000000000000008", "superuser", F1);
        await app.Seed.DevicePermissionsAsync("a0000000000000000000000000000008", superuser: true, canManageContent: true);
        for (var i = 0; i < 3; i++) await app.Seed.UserAsync(null, $"second{i}", F2);
        for (var i = 0; i < 2; i++) await app.Seed.UserAsync(null, $"third{i}", F3);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<long> TableCountAsync() => app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser");

    private static async Task<long> PagedCountAsync(ApiClient client) =>
        (long)(await client.GetJsonAsync(Users + "?page_size=2"))["count"]!;

    [Fact]
    public async Task The_whole_device_count_follows_creates_moves_deletes_and_a_facility_cascade()
    {
        using var superuser = await app.LoginAsync("superuser", F1);
        Assert.Equal(7, await PagedCountAsync(superuser));

        var created = await superuser.PostAsync(Users, new { username = "newcomer", password = "pw", facility = F2 })
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(8, await PagedCountAsync(superuser));

        // No endpoint moves a user to another facility, but an imported or synced database may: the counts follow.
        await app.Seed.ScalarAsync<long>("UPDATE kolibriauth_facilityuser SET facility_id = @f3 WHERE id = @id RETURNING 1",
            new { f3 = F3, id = (string)created["id"]! });
        Assert.Equal(3, await app.Seed.ScalarAsync<long>("SELECT users FROM kolibrislices_facilityuser_count WHERE facility_id = @f", new { f = F3 }));
        Assert.Equal(8, await PagedCountAsync(superuser));

        (await superuser.DeleteAsync(Users + (string)created["id"]! + "/")).EnsureSuccessStatusCode();
        Assert.Equal(7, await PagedCountAsync(superuser));

        (await superuser.DeleteAsync("/api/auth/facility/" + F2 + "/")).EnsureSuccessStatusCode();
        Assert.Equal(4, await TableCountAsync());
        Assert.Equal(4, await PagedCountAsync(superuser));

        // A filtered or partial list still counts its own rows.
        Assert.Equal(2, (long)(await superuser.GetJsonAsync(Users + "?page_size=2&member_of=" + F3))["count"]!);
        using var admin = await app.LoginAsync("principal", F1);
        Assert.Equal(2, await PagedCountAsync(admin));
    }
}
