namespace KolibriSlices.Tests.Features.Device.FreeSpace;

public sealed class FreeSpaceTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Content_path_answers_the_free_bytes()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.GetJsonAsync("/api/device/freespace/?path=Content");
        Assert.Equal(["freespace"], ((JObject)body).Properties().Select(p => p.Name));
        Assert.Equal(JTokenType.Integer, body["freespace"]!.Type);
        Assert.True((long)body["freespace"]! > 0);
    }

    [Theory]
    [InlineData("?path=/etc")]
    [InlineData("")]
    public async Task Any_other_path_is_400_invalid_path(string query)
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.GetJsonAsync("/api/device/freespace/" + query, HttpStatusCode.BadRequest);
        Snapshot.Match(body, new SnapshotNameExtension(query.Length == 0 ? "none" : "etc"));
    }

    [Fact]
    public async Task Anonymous_is_403()
    {
        using var anonymous = app.Anonymous();
        await anonymous.GetJsonAsync("/api/device/freespace/?path=Content", HttpStatusCode.Forbidden);
    }
}
