namespace KolibriSlices.Tests.Features.Content.ContentRequests;

/// <summary>/api/content/contentrequest/ (content.md §7.3, §12 56).</summary>
public sealed class ContentRequestsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/content/contentrequest/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static object Body(string node) => new
    {
        contentnode_id = node,
        metadata = new { title = "A video", file_size = 1234, learning_activities = new[] { "UD5UGM0z" } },
    };

    [Fact]
    public async Task Anonymous_is_403_not_authenticated()
    {
        Assert.Equal("NOT_AUTHENTICATED", (string)(await app.Anonymous().GetJsonAsync(Url, HttpStatusCode.Forbidden))[0]!["id"]!);
        var response = await app.Anonymous().PostAsync(Url, Body(Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Learner_requests_a_download_once_and_sees_it()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var node = Guid.NewGuid().ToString("N");
        var created = await learner.PostAsync(Url, Body(node)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(node, (string)created["contentnode_id"]!);
        Assert.Equal("PENDING", (string)created["status"]!);
        Snapshot.Match(created, o => o.IgnoreField("id").IgnoreField("requested_at").IgnoreField("contentnode_id"));
        var again = await learner.PostAsync(Url, Body(node)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((string)created["id"]!, (string)again["id"]!);
        Assert.Equal(1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentrequest WHERE contentnode_id = @node", new { node }));
        Assert.Single(await learner.GetJsonAsync(Url + "?contentnode_id=" + node));
        await learner.GetJsonAsync(Url + created["id"] + "/");

        using var other = await app.LoginAsync("learner2", Known.Facility);
        Assert.Empty(await other.GetJsonAsync(Url + "?contentnode_id=" + node));
    }

    [Fact]
    public async Task Delete_is_always_204_and_hides_the_request()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var node = Guid.NewGuid().ToString("N");
        var created = await learner.PostAsync(Url, Body(node)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await learner.DeleteAsync(Url + created["id"] + "/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await learner.DeleteAsync(Url + created["id"] + "/")).StatusCode);
        Assert.Empty(await learner.GetJsonAsync(Url + "?contentnode_id__in=" + node));
        Assert.Equal(1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentrequest WHERE contentnode_id = @node AND type = 'REMOVAL'", new { node }));
        var missing = await learner.DeleteAsync(Url);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("""{"detail":"Request ID is required"}""", await missing.Content.ReadAsStringAsync());
        // Asking again clears the removal.
        await learner.PostAsync(Url, Body(node)).JsonAsync(HttpStatusCode.Created);
        Assert.Single(await learner.GetJsonAsync(Url + "?contentnode_id=" + node));
    }

    [Fact]
    public async Task Bad_bodies_are_400_and_write_nothing()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var before = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentrequest");
        var error = await learner.PostAsync(Url, new { contentnode_id = "nope", source_instance_id = "bad" }).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(error);
        await learner.PostAsync(Url, new { metadata = new { } }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentrequest"));
    }
}
