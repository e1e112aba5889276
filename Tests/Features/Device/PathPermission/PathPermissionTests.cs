namespace KolibriSlices.Tests.Features.Device.PathPermission;

public sealed class PathPermissionTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/pathpermission/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_writable_folder_is_reported_as_such()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url + "?path=" + Uri.EscapeDataString(app.Home));
        Assert.Equal($$"""{"writable":true,"directory":true,"path":"{{app.Home}}"}""", body.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Empty(Directory.GetFiles(app.Home, ".kolibri-write-test-*"));
    }

    [Fact]
    public async Task A_missing_path_is_neither_writable_nor_a_folder()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url + "?path=/no/such/place");
        Snapshot.Match(body);
    }

    [Fact]
    public async Task No_path_means_the_home_folder()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url);
        Assert.Equal(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), (string?)body["path"]);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("learner")]
    [InlineData("admin")]
    [InlineData("otheradmin")]
    public async Task Only_content_managers_may_ask(string actor)
    {
        using var client = await app.ActorAsync(actor);
        await client.GetJsonAsync(Url + "?path=/tmp", HttpStatusCode.Forbidden);
    }
}
