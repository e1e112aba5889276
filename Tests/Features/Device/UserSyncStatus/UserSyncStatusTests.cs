namespace KolibriSlices.Tests.Features.Device.UserSyncStatus;

public sealed class UserSyncStatusTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/usersyncstatus/";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM device_usersyncstatus") > 0) return;
        var now = DateTimeOffset.UtcNow;
        await app.Seed.SyncStatusAsync(Known.Learner, "READY", Format(app.Clock.GetUtcNow().AddSeconds(-60)));
        await app.Seed.SyncStatusAsync(Known.Learner2, "READY", "2024-01-01T00:00:00.000000Z");
        await app.Seed.SyncStatusAsync(Known.OtherLearner, "QUEUED", "2024-01-01T00:00:00.000000Z");
        await app.Seed.SyncStatusAsync(Known.FacilityCoach, "SYNCING", Format(now));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");

    private async Task<long> RowIdAsync(string user) =>
        await app.Seed.ScalarAsync<long>("SELECT id FROM device_usersyncstatus WHERE user_id = @user", new { user });

    [Fact]
    public async Task Learner_sees_only_their_own_row()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.GetJsonAsync(Url);
        Snapshot.Match(body, o => o.IgnoreField("[*].last_synced"));
        Assert.Equal("RECENTLY_SYNCED", (string?)body.Single()["status"]);
        await learner.GetJsonAsync(Url + await RowIdAsync(Known.Learner) + "/");
        await learner.GetJsonAsync(Url + await RowIdAsync(Known.Learner2) + "/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Class_coach_sees_their_class_members_and_facility_staff_see_the_facility()
    {
        using var ccoach = await app.LoginAsync("ccoach", Known.Facility);
        Assert.Equal([Known.Learner], (await ccoach.GetJsonAsync(Url)).Values("user"));
        using var fcoach = await app.LoginAsync("fcoach", Known.Facility);
        Assert.Equal([Known.FacilityCoach, Known.Learner, Known.Learner2], (await fcoach.GetJsonAsync(Url)).Values("user"));
        using var admin = await app.LoginAsync("admin", Known.Facility);
        Assert.Equal([Known.FacilityCoach, Known.Learner, Known.Learner2], (await admin.GetJsonAsync(Url)).Values("user"));
        using var superuser = await app.LoginAsync("superuser");
        var all = await superuser.GetJsonAsync(Url);
        Assert.Equal(4, all.Count());
        Assert.Equal(["NOT_RECENTLY_SYNCED", "QUEUED", "RECENTLY_SYNCED", "SYNCING"], all.Values("status"));
    }

    [Fact]
    public async Task User_and_member_of_filter_the_rows()
    {
        using var superuser = await app.LoginAsync("superuser");
        Assert.Equal([Known.Learner2], (await superuser.GetJsonAsync(Url + "?user=" + Known.Learner2)).Values("user"));
        Assert.Equal([Known.Learner], (await superuser.GetJsonAsync(Url + "?member_of=" + Known.ClassroomA)).Values("user"));
        Assert.Equal([Known.OtherLearner], (await superuser.GetJsonAsync(Url + "?member_of=" + Known.OtherFacility)).Values("user"));
        var bad = await superuser.GetJsonAsync(Url + "?member_of=ffffffffffffffffffffffffffffffff&user=nope", HttpStatusCode.BadRequest);
        Assert.Equal(["INVALID_CHOICE"], bad.Select(e => (string)e["id"]!).Distinct());
        await superuser.GetJsonAsync(Url + "abc/", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("anonymous", 0)]
    [InlineData("learner", 1)]
    [InlineData("ccoach", 1)]
    [InlineData("fcoach", 3)]
    [InlineData("admin", 3)]
    [InlineData("superuser", 4)]
    [InlineData("otheradmin", 1)]
    public async Task Who_reads_sync_statuses(string actor, int rows)
    {
        using var client = await app.ActorAsync(actor);
        Assert.Equal(rows, (await client.GetJsonAsync(Url)).Count());
    }
}
