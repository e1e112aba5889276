namespace KolibriSlices.Tests.Features.Content.RemoteChannels;

/// <summary>/api/content/remotechannel/ on a device without Studio or peers (content.md §7.4, §12 52-53).</summary>
public sealed class RemoteChannelsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/content/remotechannel/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null, "NOT_AUTHENTICATED")]
    [InlineData("learner", "PERMISSION_DENIED")]
    [InlineData("admin", "PERMISSION_DENIED")]
    [InlineData("fcoach", "PERMISSION_DENIED")]
    public async Task Only_content_managers_may_ask(string? user, string id)
    {
        using var client = user is null ? app.Anonymous() : await app.LoginAsync(user, Known.Facility);
        Assert.Equal(id, (string)(await client.GetJsonAsync(Url, HttpStatusCode.Forbidden))[0]!["id"]!);
        Assert.Equal(id, (string)(await client.GetJsonAsync(Url + "abc/", HttpStatusCode.Forbidden))[0]!["id"]!);
    }

    [Fact]
    public async Task Superuser_gets_503_offline_for_list_and_detail_and_an_offline_studio_status()
    {
        using var superuser = await app.LoginAsync("superuser");
        Assert.Equal("""{"status":"offline"}""", (await superuser.GetJsonAsync(Url, HttpStatusCode.ServiceUnavailable)).ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("offline", (string)(await superuser.GetJsonAsync(Url + "abc/", HttpStatusCode.ServiceUnavailable))["status"]!);
        Snapshot.Match(await superuser.GetJsonAsync(Url + "kolibri_studio_status/"));
    }
}
