using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KolibriSlices.Tests.Features.Device.DeviceInfo;

public sealed class DeviceInfoTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/deviceinfo/";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE username = 'infomanager'") == 0)
            await app.Seed.ContentManagerAsync("infomanager");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Superuser_gets_version_urls_device_id_and_free_space()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url);
        Assert.Equal(
            ["content_storage_free_space", "database_path", "device_id", "installer", "os", "python_version", "server_time", "server_timezone", "urls", "version"],
            ((JObject)body).Properties().Select(p => p.Name).Order());
        Assert.Equal("0.18.0", (string?)body["version"]);
        Assert.All(body["urls"]!, u => Assert.StartsWith("http://", (string?)u));
        Assert.Equal(await app.Seed.ScalarAsync<string>("SELECT value FROM kolibrislices_instance WHERE key = 'instance_id'"), (string?)body["device_id"]);
        Assert.Equal(JTokenType.Integer, body["content_storage_free_space"]!.Type);
        Assert.True((long)body["content_storage_free_space"]! > 0);
        Assert.Equal(KolibriApp.IsPostgres ? "postgresql" : Path.Combine(app.Home, "db.sqlite3"), (string?)body["database_path"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$", (string?)body["server_time"]);
        Snapshot.Match(new JObject { ["version"] = body["version"], ["installer"] = body["installer"] });
    }

    [Fact]
    public async Task Loopback_urls_are_dropped_when_the_server_also_listens_elsewhere()
    {
        var features = app.Services.GetRequiredService<IServer>().Features;
        var addresses = new ServerAddressesFeature();
        addresses.Addresses.Add("http://127.0.0.1:8080");
        addresses.Addresses.Add("http://192.168.1.5:8080");
        features.Set<IServerAddressesFeature>(addresses);
        try
        {
            using var superuser = await app.LoginAsync("superuser");
            Assert.Equal(["http://192.168.1.5:8080/"], (await superuser.GetJsonAsync(Url))["urls"]!.Select(u => (string)u!));
            addresses.Addresses.Remove("http://192.168.1.5:8080");
            Assert.Equal(["http://127.0.0.1:8080/"], (await superuser.GetJsonAsync(Url))["urls"]!.Select(u => (string)u!));
        }
        finally
        {
            features.Set<IServerAddressesFeature>(null);
        }
    }

    [Fact]
    public async Task Content_manager_gets_only_version_and_free_space()
    {
        using var manager = await app.LoginAsync("infomanager", Known.Facility);
        var body = await manager.GetJsonAsync(Url);
        Assert.Equal(["content_storage_free_space", "version"], ((JObject)body).Properties().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Deviceinfo_matches_as_a_prefix()
    {
        using var superuser = await app.LoginAsync("superuser");
        await superuser.GetJsonAsync(Url + "xyz/abc");
        using var response = await superuser.GetAsync("/api/device/deviceinfo");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("superuser", HttpStatusCode.OK)]
    public async Task Who_reads_device_info(string actor, HttpStatusCode expected)
    {
        using var client = await app.ActorAsync(actor);
        var body = await client.GetJsonAsync(Url, expected);
        if (expected == HttpStatusCode.Forbidden)
            Assert.Equal(actor == "anonymous" ? "NOT_AUTHENTICATED" : "PERMISSION_DENIED", (string?)body[0]!["id"]);
    }
}
