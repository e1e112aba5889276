namespace KolibriSlices.Tests.Features.Auth.FacilityUsers;

/// <summary>A database of its own: two facilities, mario, luigi and batman in the first, the superuser in the second.</summary>
public sealed class FacilityUserOrderingTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Users = "/api/auth/facilityuser/";
    private const string F1 = "f1000000000000000000000000000001";
    private const string F2 = "f2000000000000000000000000000002";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection") > 0) return;
        await app.Seed.FacilityAsync(F1, "d1000000000000000000000000000001", "First");
        await app.Seed.FacilityAsync(F2, "d2000000000000000000000000000002", "Second");
        await app.Seed.DeviceSettingsAsync(F1);
        await app.Seed.UserAsync("a0000000000000000000000000000001", "mario", F1, fullName: "Mario Bros", dateJoined: "2024-01-02T00:00:00.000000Z");
        await app.Seed.UserAsync("a0000000000000000000000000000002", "luigi", F1, fullName: "Luigi Bros", dateJoined: "2024-01-03T00:00:00.000000Z");
        await app.Seed.UserAsync("a0000000000000000000000000000003", "batman", F1, fullName: "Zorro Wayne", dateJoined: "2024-01-01T00:00:00.000000Z");
        await app.Seed.UserAsync("a0000000000000000000000000000004", "superuser", F2, fullName: "Anna Super", dateJoined: "2024-01-04T00:00:00.000000Z");
        await app.Seed.DevicePermissionsAsync("a0000000000000000000000000000004", superuser: true, canManageContent: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> NamesAsync(string query)
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        return (await superuser.GetJsonAsync(Users + query)).Select(u => (string)u["username"]!).ToList();
    }

    [Fact]
    public async Task Default_order_is_username_and_descending_starts_with_superuser()
    {
        Assert.Equal(["batman", "luigi", "mario", "superuser"], await NamesAsync(""));
        Assert.Equal("superuser", (await NamesAsync("?ordering=-username"))[0]);
    }

    [Fact]
    public async Task Date_joined_and_full_name_sort_both_ways()
    {
        Assert.Equal(["batman", "mario", "luigi", "superuser"], await NamesAsync("?ordering=date_joined"));
        Assert.Equal(["superuser", "luigi", "mario", "batman"], await NamesAsync("?ordering=-date_joined"));
        Assert.Equal(["superuser", "luigi", "mario", "batman"], await NamesAsync("?ordering=full_name"));
        Assert.Equal(["batman", "mario", "luigi", "superuser"], await NamesAsync("?ordering=-full_name"));
    }

    [Fact]
    public async Task Member_of_a_facility_gives_exactly_its_users()
    {
        Assert.Equal(["batman", "luigi", "mario"], await NamesAsync("?member_of=" + F1));
        using var superuser = await app.LoginAsync("superuser", F2);
        Snapshot.Match(await superuser.GetJsonAsync(Users + "?member_of=" + F2));
    }
}
