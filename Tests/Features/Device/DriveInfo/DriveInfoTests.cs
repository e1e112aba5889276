namespace KolibriSlices.Tests.Features.Device.DriveInfo;

public sealed class DriveInfoTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/driveinfo/";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE username = 'drivemanager'") == 0)
            await app.Seed.ContentManagerAsync("drivemanager");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Content_managers_list_real_drives_and_fetch_each_by_id()
    {
        using var manager = await app.LoginAsync("drivemanager", Known.Facility);
        var drives = await manager.GetJsonAsync(Url);
        Assert.NotEmpty(drives);
        foreach (var drive in drives)
        {
            Assert.Equal(["datafolder", "drivetype", "freespace", "guid", "id", "metadata", "name", "path", "totalspace", "writable"],
                ((JObject)drive).Properties().Select(p => p.Name).Order());
            Assert.DoesNotContain((string)drive["path"]!, new[] { "/proc", "/sys", "/dev" });
            Assert.Equal(32, ((string)drive["id"]!).Length);
            var one = await manager.GetJsonAsync(Url + drive["id"] + "/");
            Assert.Equal((string?)drive["path"], (string?)one["path"]);
        }
        Snapshot.Match(await manager.GetJsonAsync(Url + "ffffffffffffffffffffffffffffffff/", HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("learner")]
    [InlineData("admin")]
    [InlineData("otheradmin")]
    public async Task Others_are_403(string actor)
    {
        using var client = await app.ActorAsync(actor);
        await client.GetJsonAsync(Url, HttpStatusCode.Forbidden);
    }
}
