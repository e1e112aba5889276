namespace KolibriSlices.Tests.Features.Device.DeviceRestart;

public sealed class DeviceRestartTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/devicerestart/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_server_says_it_cannot_restart_itself()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url, new { }).JsonAsync(HttpStatusCode.NotImplemented);
        Snapshot.Match(body);
        await superuser.GetJsonAsync(Url, HttpStatusCode.NotImplemented);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("learner")]
    [InlineData("admin")]
    [InlineData("otheradmin")]
    public async Task Only_superusers_may_ask(string actor)
    {
        using var client = await app.ActorAsync(actor);
        await client.PostAsync(Url, new { }).JsonAsync(HttpStatusCode.Forbidden);
    }
}
