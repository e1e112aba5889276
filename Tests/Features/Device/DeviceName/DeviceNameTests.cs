namespace KolibriSlices.Tests.Features.Device.DeviceName;

public sealed class DeviceNameTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/devicename/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<string?> StoredAsync() => app.Seed.ScalarAsync<string>("SELECT name FROM device_devicesettings WHERE id = 1");

    [Fact]
    public async Task Get_answers_the_name_and_the_host_name_when_none_is_set()
    {
        using var superuser = await app.LoginAsync("superuser");
        Assert.Equal(await StoredAsync(), (string?)(await superuser.GetJsonAsync(Url))["name"]);
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("UPDATE device_devicesettings SET name = '' WHERE id = 1");
        Assert.Equal(Environment.MachineName, (string?)(await superuser.GetJsonAsync(Url))["name"]);
        await superuser.PatchAsync(Url, new { name = "test device" }).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_stores_and_echoes_the_name()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PatchAsync(Url, new { name = "test device" }).JsonAsync(HttpStatusCode.OK);
        Snapshot.Match(body);
        Assert.Equal("test device", await StoredAsync());
    }

    [Theory]
    [InlineData(60, "MAX_LENGTH")]
    [InlineData(0, "BLANK")]
    [InlineData(-1, "REQUIRED")]
    public async Task Bad_names_are_400_not_500_and_change_nothing(int length, string error)
    {
        using var superuser = await app.LoginAsync("superuser");
        object body = length < 0 ? new { } : new { name = new string('n', length) };
        var answer = await superuser.PatchAsync(Url, body).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(error, (string?)answer[0]!["id"]);
        Assert.Equal("name", (string?)answer[0]!["metadata"]!["field"]);
        Assert.Equal("test device", await StoredAsync());
    }

    [Fact]
    public async Task Anonymous_post_is_403_and_a_superusers_post_is_405()
    {
        using var anonymous = app.Anonymous();
        await anonymous.PostAsync(Url, new { name = "x" }).JsonAsync(HttpStatusCode.Forbidden);
        using var superuser = await app.LoginAsync("superuser");
        await superuser.PostAsync(Url, new { name = "x" }).JsonAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("test device", await StoredAsync());
    }

    [Theory]
    [InlineData("anonymous", false)]
    [InlineData("learner", false)]
    [InlineData("ccoach", false)]
    [InlineData("fcoach", false)]
    [InlineData("admin", false)]
    [InlineData("otheradmin", false)]
    [InlineData("superuser", true)]
    public async Task Who_reads_and_renames_the_device(string actor, bool allowed)
    {
        using var client = await app.ActorAsync(actor);
        await client.GetJsonAsync(Url, allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        await client.PatchAsync(Url, new { name = "test device" }).JsonAsync(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        Assert.Equal("test device", await StoredAsync());
    }
}
