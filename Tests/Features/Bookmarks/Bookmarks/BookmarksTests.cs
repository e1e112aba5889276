using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Bookmarks.Bookmarks;

public sealed class BookmarksTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/bookmarks/bookmarks/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> NodeAsync()
    {
        var node = Ids.New();
        await app.Seed.NodeAsync(node, Ids.New(), "video", "Bookmarkable " + node[..6]);
        return node;
    }

    [Fact]
    public async Task Learner_bookmarks_a_node_and_sees_only_own_bookmarks()
    {
        var node = await NodeAsync();
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var created = await learner.PostAsync(Url, new { contentnode_id = node, user = Known.Learner }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(created, o => o.IgnoreField("id").IgnoreField("contentnode_id").IgnoreField("content_id"));
        Assert.Equal(await app.Seed.ScalarAsync<string>("SELECT content_id FROM content_contentnode WHERE id = @node", new { node }), (string?)created["content_id"]);
        Assert.Contains(await learner.GetJsonAsync(Url), b => (string?)b["id"] == (string?)created["id"]);
        await learner.GetJsonAsync(Url + created["id"] + "/");

        using var other = await app.LoginAsync("learner2", Known.Facility);
        Assert.DoesNotContain(await other.GetJsonAsync(Url), b => (string?)b["id"] == (string?)created["id"]);
        await other.GetJsonAsync(Url + created["id"] + "/", HttpStatusCode.NotFound);
        await other.DeleteAsync(Url + created["id"] + "/").JsonAsync(HttpStatusCode.Forbidden);
        using var anonymous = app.Anonymous();
        Assert.Empty(await anonymous.GetJsonAsync(Url));

        await learner.DeleteAsync(Url + created["id"] + "/").JsonAsync(HttpStatusCode.NoContent);
        await learner.DeleteAsync(Url + created["id"] + "/").JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bookmark_rules_refuse_bad_posts_and_store_nothing()
    {
        var node = await NodeAsync();
        using var learner = await app.LoginAsync("learner", Known.Facility);
        Task<long> CountAsync() => app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM bookmarks_bookmark WHERE contentnode_id = @node", new { node });

        await learner.PostAsync(Url, new { contentnode_id = node, user = Known.Learner2 }).JsonAsync(HttpStatusCode.Forbidden);
        var missing = await learner.PostAsync(Url, new { user = Known.Learner }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("contentnode_id", (string?)missing[0]!["metadata"]!["field"]);
        var unknown = await learner.PostAsync(Url, new { contentnode_id = Ids.New(), user = Known.Learner }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)unknown[0]!["id"]);
        Assert.Equal(0, await CountAsync());

        await learner.PostAsync(Url, new { contentnode_id = node, user = Known.Learner }).JsonAsync(HttpStatusCode.Created);
        var duplicate = await learner.PostAsync(Url, new { contentnode_id = node, user = Known.Learner }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UNIQUE", (string?)duplicate[0]!["id"]);
        Assert.Equal(1, await CountAsync());
        using var anonymous = app.Anonymous();
        var refused = await anonymous.PostAsync(Url, new { contentnode_id = node, user = Known.Learner }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("NOT_AUTHENTICATED", (string?)refused[0]!["id"]);
    }

    [Fact]
    public async Task Content_bookmarks_list_nodes_newest_first_with_their_bookmark()
    {
        var user = await app.Seed.LearnerAsync("bookmarker_" + Ids.New()[..6]);
        var username = await app.Seed.ScalarAsync<string>("SELECT username FROM kolibriauth_facilityuser WHERE id = @user", new { user });
        using var client = await app.LoginAsync(username!, Known.Facility);
        var first = await NodeAsync();
        var second = await NodeAsync();
        await client.PostAsync(Url, new { contentnode_id = first, user }).JsonAsync(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await client.PostAsync(Url, new { contentnode_id = second, user }).JsonAsync(HttpStatusCode.Created);

        var nodes = await client.GetJsonAsync("/api/content/contentnode_bookmarks/");
        Assert.Equal(new[] { second, first }, nodes.Select(n => (string)n["id"]!));
        Assert.Equal(second, (string?)nodes[0]!["bookmark"]!["contentnode_id"]);
        Snapshot.Match(nodes[0], o => o.IgnoreField("id").IgnoreField("content_id").IgnoreField("title").IgnoreField("bookmark"));

        var page = await client.GetJsonAsync("/api/content/contentnode_bookmarks/?limit=1&kind=video");
        Assert.Equal(2, (int)page["count"]!);
        Assert.Equal(1, (int)page["more"]!["offset"]!);
        using var anonymous = app.Anonymous();
        Assert.Empty(await anonymous.GetJsonAsync("/api/content/contentnode_bookmarks/"));
    }

    [Fact]
    public async Task List_shape()
    {
        var user = await app.Seed.LearnerAsync("listmarks_" + Ids.New()[..6]);
        var username = await app.Seed.ScalarAsync<string>("SELECT username FROM kolibriauth_facilityuser WHERE id = @user", new { user });
        using var client = await app.LoginAsync(username!, Known.Facility);
        await app.Seed.NodeAsync("5e000000000000000000000000000009", "c0000000000000000000000000000009", "video", "Listed");
        await client.PostAsync(Url, new { contentnode_id = "5e000000000000000000000000000009", user }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(await client.GetJsonAsync($"{Url}?contentnode_id=5e000000000000000000000000000009"), o => o.IgnoreField("[*].id"));
    }
}
