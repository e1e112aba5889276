using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Content.UserNodes;

public sealed class UserNodesTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(ApiClient Client, string User)> FreshLearnerAsync(params string[] memberOf)
    {
        var user = await app.Seed.LearnerAsync("nodes_" + Ids.New()[..8], memberOf);
        var username = await app.Seed.ScalarAsync<string>("SELECT username FROM kolibriauth_facilityuser WHERE id = @user", new { user });
        return (await app.LoginAsync(username!, Known.Facility), user);
    }

    [Fact]
    public async Task Contentnodeprogress_reports_the_callers_progress()
    {
        var (client, user) = await FreshLearnerAsync();
        using (client)
        {
            string a = Ids.New(), b = Ids.New(), nodeA = Ids.New(), nodeB = Ids.New();
            await app.Seed.NodeAsync(nodeA, a, "video", "Progress A");
            await app.Seed.NodeAsync(nodeB, b, "exercise", "Progress B");
            await app.Seed.SummaryLogAsync(user, a, 0.7);
            var summary = await app.Seed.SummaryLogAsync(user, b, 0.5, "exercise");
            await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, 1, false), 2);
            var body = await client.GetJsonAsync($"/api/content/contentnodeprogress/?ids={nodeA},{nodeB}");
            Assert.Equal(0.7, (double)body.Single(p => (string?)p["content_id"] == a)["progress"]!, 6);
            var exercise = body.Single(p => (string?)p["content_id"] == b);
            Assert.Equal(2, (int)exercise["num_question_answered"]!);
            using var anonymous = app.Anonymous();
            Assert.Empty(await anonymous.GetJsonAsync("/api/content/contentnodeprogress/"));
        }
    }

    [Fact]
    public async Task Resume_lists_only_content_in_progress()
    {
        var (client, user) = await FreshLearnerAsync();
        using (client)
        {
            string going = Ids.New(), done = Ids.New(), goingNode = Ids.New(), doneNode = Ids.New();
            await app.Seed.NodeAsync(goingNode, going, "video", "Half watched");
            await app.Seed.NodeAsync(doneNode, done, "video", "Watched");
            await app.Seed.SummaryLogAsync(user, going, 0.5);
            await app.Seed.SummaryLogAsync(user, done, 1);
            var response = await client.GetAsync("/api/content/usercontentnode/?resume=true");
            Assert.Equal("max-age=0", response.Headers.CacheControl?.ToString());
            var body = await response.JsonAsync(HttpStatusCode.OK);
            Assert.Equal(new[] { goingNode }, body.Select(n => (string)n["id"]!));
            Snapshot.Match(body, o => o.IgnoreField("[*].id").IgnoreField("[*].content_id"));
        }
    }

    [Fact]
    public async Task Lesson_nodes_are_for_members_of_an_assigned_collection()
    {
        var node = Ids.New();
        await app.Seed.NodeAsync(node, Ids.New(), "video", "Lesson video");
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, "Nodes " + node[..6], true, [(node, Ids.New())], [Known.ClassroomA, Known.GroupA1]);
        using var member = await app.LoginAsync("learner", Known.Facility);
        Assert.Single(await member.GetJsonAsync($"/api/content/usercontentnode/?lesson={lesson}"));
        using var stranger = await app.LoginAsync("learner2", Known.Facility);
        Assert.Empty(await stranger.GetJsonAsync($"/api/content/usercontentnode/?lesson={lesson}"));
        using var anonymous = app.Anonymous();
        Assert.Empty(await anonymous.GetJsonAsync($"/api/content/usercontentnode/?lesson={lesson}"));
    }

    [Fact]
    public async Task Next_steps_follow_completed_content_but_not_into_coach_content_for_learners()
    {
        var (client, user) = await FreshLearnerAsync();
        using (client)
        {
            string first = Ids.New(), next = Ids.New(), firstContent = Ids.New(), nextContent = Ids.New();
            await app.Seed.NodeAsync(first, firstContent, "video", "First");
            await app.Seed.NodeAsync(next, nextContent, "video", "Next");
            await app.Seed.ScalarAsync<long>("INSERT INTO content_contentnode_has_prerequisite (from_contentnode_id, to_contentnode_id) VALUES (@next, @first)", new { next, first });
            await app.Seed.SummaryLogAsync(user, firstContent, 1);
            var body = await client.GetJsonAsync("/api/content/usercontentnode/?next_steps=true");
            Assert.Contains(body, n => (string?)n["content_id"] == nextContent);
            await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET coach_content = TRUE WHERE id = @next", new { next });
            Assert.DoesNotContain(await client.GetJsonAsync("/api/content/usercontentnode/?next_steps=true"), n => (string?)n["content_id"] == nextContent);
            await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET coach_content = FALSE WHERE id = @next", new { next });
            await app.Seed.SummaryLogAsync(user, nextContent, 0.2);
            Assert.DoesNotContain(await client.GetJsonAsync("/api/content/usercontentnode/?next_steps=true"), n => (string?)n["content_id"] == nextContent);
        }
    }

    /// <summary>Videos <paramref name="user"/> has started (half done), titled "<paramref name="title"/> 0" and on.</summary>
    private async Task StartedVideosAsync(string user, int count, string title)
    {
        foreach (var i in Enumerable.Range(0, count))
        {
            var content = Ids.New();
            await app.Seed.NodeAsync(Ids.New(), content, "video", $"{title} {i}");
            await app.Seed.SummaryLogAsync(user, content, 0.5);
        }
    }

    [Fact]
    public async Task Max_results_pages_with_a_cursor()
    {
        var (client, user) = await FreshLearnerAsync();
        using (client)
        {
            await StartedVideosAsync(user, 3, "Paged");
            var first = await client.GetJsonAsync("/api/content/usercontentnode/?resume=true&max_results=2");
            Assert.Equal(2, first["results"]!.Count());
            var cursor = (string)first["more"]!["cursor"]!;
            var second = await client.GetJsonAsync($"/api/content/usercontentnode/?resume=true&max_results=2&cursor={Uri.EscapeDataString(cursor)}");
            Assert.Single(second["results"]!);
            Assert.Equal(JTokenType.Null, second["more"]!.Type);
            await client.GetJsonAsync("/api/content/usercontentnode/?resume=true&max_results=2&cursor=%%%", HttpStatusCode.NotFound);
        }
    }

    /// <summary>
    /// Pages are read by SQL (tree order walking the (lft, id) index, or the caller's last interaction): following
    /// <c>more</c> must give the whole list, in its order, as the unpaged answer does.
    /// </summary>
    [Theory]
    [InlineData("channel_id=" + Seed.Channel)]
    [InlineData("kind=video")]
    [InlineData("ordering=-last_interacted")]
    [InlineData("resume=true&ordering=last_interacted")]
    public async Task Following_more_gives_the_unpaged_list(string filter)
    {
        var (client, user) = await FreshLearnerAsync();
        using (client)
        {
            await StartedVideosAsync(user, 4, "Walked");
            var all = (await client.GetJsonAsync("/api/content/usercontentnode/?" + filter)).Select(n => (string)n["id"]!).ToList();
            var pages = await client.GetCursorPagesAsync("/api/content/usercontentnode/", "/api/content/usercontentnode/?max_results=3&" + filter);
            Assert.True(all.Count > 3, $"{all.Count} nodes");
            Assert.Equal(all, pages.SelectMany(p => p["results"]!.Select(n => (string)n["id"]!)));
            Assert.All(pages.SkipLast(1), p => Assert.Equal(3, p["results"]!.Count()));
        }
    }

    [Fact]
    public async Task Contentnodeprogress_shape()
    {
        var (client, user) = await FreshLearnerAsync();
        using (client)
        {
            var node = "5e000000000000000000000000000008";
            await app.Seed.NodeAsync(node, "c0000000000000000000000000000008", "exercise", "Shape exercise");
            var summary = await app.Seed.SummaryLogAsync(user, "c0000000000000000000000000000008", 0.5, "exercise");
            await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, 1, false), 3, correct: 1);
            Snapshot.Match(await client.GetJsonAsync($"/api/content/contentnodeprogress/?ids={node}"));
        }
    }

    [Fact]
    public async Task Progress_tree_covers_the_nodes_the_tree_would_show()
    {
        var (client, user) = await FreshLearnerAsync();
        using (client)
        {
            string root = Ids.New(), topic = Ids.New(), video = Ids.New(), deep = Ids.New();
            string videoContent = Ids.New(), deepContent = Ids.New(), outsideContent = Ids.New();
            await app.Seed.ScalarAsync<long>("""
                INSERT INTO content_contentnode (id, title, content_id, channel_id, license_owner, author, kind, available, lft, rght, tree_id, level, coach_content, parent_id)
                VALUES (@root, 'Root', @rootContent, @channel, '', '', 'topic', TRUE, 1, 8, 77, 0, FALSE, NULL),
                       (@video, 'Video', @videoContent, @channel, '', '', 'video', TRUE, 2, 3, 77, 1, FALSE, @root),
                       (@topic, 'Topic', @topicContent, @channel, '', '', 'topic', TRUE, 4, 7, 77, 1, FALSE, @root),
                       (@deep, 'Deep', @deepContent, @channel, '', '', 'exercise', TRUE, 5, 6, 77, 2, FALSE, @topic)
                """, new { root, topic, video, deep, videoContent, deepContent, rootContent = Ids.New(), topicContent = Ids.New(), channel = Seed.Channel });
            await app.Seed.SummaryLogAsync(user, videoContent, 0.3);
            await app.Seed.SummaryLogAsync(user, deepContent, 1, "exercise");
            await app.Seed.SummaryLogAsync(user, outsideContent, 0.9);
            var body = await client.GetJsonAsync($"/api/content/contentnodeprogress/{root}/tree/");
            Assert.Equal(new[] { deepContent, videoContent }.Order(StringComparer.Ordinal), body.Select(p => (string)p["content_id"]!));
            await client.GetJsonAsync($"/api/content/contentnodeprogress/{root}/tree/?kind=video", HttpStatusCode.NotFound);
            Assert.Single(await client.GetJsonAsync($"/api/content/contentnodeprogress/{root}/tree/?depth=1"));
            await client.GetJsonAsync($"/api/content/contentnodeprogress/{Ids.New()}/tree/", HttpStatusCode.NotFound);
            await client.GetJsonAsync($"/api/content/contentnodeprogress/{root}/tree/?depth=7", HttpStatusCode.BadRequest);
            var bad = await client.GetJsonAsync("/api/content/contentnodeprogress/nope/tree/", HttpStatusCode.BadRequest);
            Assert.Equal("Invalid UUID format.", (string?)bad["error"]);
        }
    }

    [Fact]
    public async Task Node_filters_narrow_the_user_lists()
    {
        var (client, user) = await FreshLearnerAsync();
        using (client)
        {
            string a = Ids.New(), b = Ids.New();
            await app.Seed.NodeAsync(Ids.New(), a, "video", "By Ada");
            await app.Seed.NodeAsync(Ids.New(), b, "audio", "By Bob");
            await app.Seed.ScalarAsync<long>("""
                UPDATE content_contentnode SET author = 'Ada', learning_activities = 'UD5UGM0z,wA01urpi' WHERE content_id = @a;
                UPDATE content_contentnode SET author = 'Bob', categories = 'math' WHERE content_id = @b;
                """, new { a, b });
            await app.Seed.SummaryLogAsync(user, a, 0.5);
            await app.Seed.SummaryLogAsync(user, b, 0.5);
            async Task<string[]> ContentAsync(string filter) =>
                (await client.GetJsonAsync("/api/content/usercontentnode/?resume=true&" + filter)).Select(n => (string)n["content_id"]!).ToArray();
            Assert.Equal(new[] { a }, await ContentAsync("authors=Ada"));
            Assert.Equal(new[] { a }, await ContentAsync("learning_activities=wA01urpi,UD5UGM0z")); // read, watch
            Assert.Equal(new[] { a }, await ContentAsync("keywords=Ada"));
            Assert.Equal(new[] { b }, await ContentAsync("categories__isnull=false"));
            Assert.Equal(new[] { b }, await ContentAsync("kind_in=audio,document"));
            Assert.Empty(await ContentAsync("parent__isnull=false"));
            Assert.Empty(await ContentAsync("exclude_content_ids=nope"));
            await client.GetJsonAsync("/api/content/usercontentnode/?kind=bogus", HttpStatusCode.BadRequest);
            await client.GetJsonAsync("/api/content/usercontentnode/?tree_id=x", HttpStatusCode.BadRequest);
        }
    }
}
