namespace KolibriSlices.Tests.Features.Content.ContentNodeTree;

/// <summary>/api/content/contentnode_tree/ (content.md §6, §12 34-40).</summary>
public sealed class ContentNodeTreeTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/content/contentnode_tree/";
    private const string Root = "da7ecc42e62553eebc8121242746e88a";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Spec(string Title, bool Available, Spec[] Children);

    private static Spec Topic(string title, params Spec[] children) => new(title, true, children);

    /// <summary>Inserts a tree of its own (own channel and tree_id), MPTT numbered; returns title → id.</summary>
    private async Task<Dictionary<string, string>> TreeAsync(Spec root)
    {
        var tree = (int)await app.Seed.ScalarAsync<long>("SELECT COALESCE(MAX(tree_id), 0) + 1 FROM content_contentnode");
        var channel = $"{tree:x8}".PadLeft(32, 'a');
        var ids = new Dictionary<string, string>();
        var counter = 1;
        var rows = new List<(string Id, string? Parent, string Title, bool Available, string Kind, int Lft, int Rght, int Level)>();
        int Number(Spec spec, string? parent, int level)
        {
            var id = $"{tree:x4}{ids.Count:x4}".PadLeft(32, 'b');
            ids[spec.Title] = id;
            var lft = counter++;
            foreach (var child in spec.Children) Number(child, id, level + 1);
            var rght = counter++;
            rows.Add((id, parent, spec.Title, spec.Available, spec.Children.Length == 0 && level > 0 ? "video" : "topic", lft, rght, level));
            return lft;
        }
        Number(root, null, 0);
        await using var conn = await app.Db.OpenAsync();
        foreach (var row in rows)
            await conn.ExecuteAsync("""
                INSERT INTO content_contentnode (id, parent_id, title, content_id, channel_id, license_owner, author, kind, available, lft, rght, tree_id, level, coach_content, options)
                VALUES (@Id, @Parent, @Title, @Id, @channel, '', '', @Kind, @Available, @Lft, @Rght, @tree, @Level, FALSE, '{}')
                """, new { row.Id, row.Parent, row.Title, row.Kind, row.Available, row.Lft, row.Rght, row.Level, channel, tree });
        return ids;
    }

    private static Spec[] Leaves(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => new Spec($"{prefix}{i:00}", true, [])).ToArray();

    private static string[] Titles(JToken children) => children["results"]!.Select(n => (string)n["title"]!).ToArray();

    [Fact]
    public async Task Root_tree_nests_two_levels_with_no_more()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + Root + "/");
        Assert.Equal(["c1", "copy", "c2"], Titles(body["children"]!));
        Assert.Equal(JTokenType.Null, body["children"]!["more"]!.Type);
        var c2 = body["children"]!["results"]![2]!;
        Assert.Equal(["c2c1", "c2c2", "c2c3"], Titles(c2["children"]!));
        Assert.Null(body["children"]!["results"]![0]!["children"]);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Unknown_parent_filter_list_url_and_bad_ids_answer_as_kolibri()
    {
        await app.Anonymous().GetJsonAsync(Url + Root + "/?parent=" + Guid.NewGuid().ToString("N"), HttpStatusCode.NotFound);
        await app.Anonymous().GetJsonAsync(Url, HttpStatusCode.NotFound);
        var error = await app.Anonymous().GetJsonAsync(Url + "this is not UUID/", HttpStatusCode.BadRequest);
        Assert.Equal("Invalid UUID format.", (string)error["error"]!);
        await app.Anonymous().GetJsonAsync(Url + "c391bfeec8a458f89f013cf1ca9cf33b/", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("depth=3")]
    [InlineData("depth=x")]
    [InlineData("next__gt=-1")]
    [InlineData("next__gt=abc")]
    public async Task Bad_depth_or_next_gt_is_400_not_500(string query)
    {
        var error = await app.Anonymous().GetJsonAsync(Url + Root + "/?" + query, HttpStatusCode.BadRequest);
        Assert.Equal(query.Split('=')[0], (string)error[0]!["metadata"]!["field"]!);
    }

    [Fact]
    public async Task Seventeen_children_page_by_twelve_with_more_next_gt_and_depth()
    {
        var ids = await TreeAsync(Topic("big", [Topic("first", Leaves("g", 17)), .. Leaves("child", 16)]));
        var body = await app.Anonymous().GetJsonAsync(Url + ids["big"] + "/");
        var children = body["children"]!;
        Assert.Equal(12, children["results"]!.Count());
        Assert.Equal(ids["big"], (string)children["more"]!["id"]!);
        Assert.Equal((int)children["results"]![11]!["rght"]!, (int)children["more"]!["params"]!["next__gt"]!);
        Assert.Equal(JTokenType.Integer, children["more"]!["params"]!["next__gt"]!.Type);
        Assert.Equal(2, (int)children["more"]!["params"]!["depth"]!);

        var next = await app.Anonymous().GetJsonAsync(Url + ids["big"] + $"/?next__gt={(int)children["more"]!["params"]!["next__gt"]!}&depth=2");
        Assert.Equal(5, next["children"]!["results"]!.Count());
        Assert.Equal(JTokenType.Null, next["children"]!["more"]!.Type);

        var first = children["results"]![0]!;
        Assert.Equal(12, first["children"]!["results"]!.Count());
        var more = first["children"]!["more"]!;
        Assert.Equal(ids["first"], (string)more["id"]!);
        Assert.Equal(1, (int)more["params"]!["depth"]!);
        var grand = await app.Anonymous().GetJsonAsync(Url + ids["first"] + $"/?next__gt={(int)more["params"]!["next__gt"]!}&depth=1");
        Assert.Equal(5, grand["children"]!["results"]!.Count());
        Assert.Equal(JTokenType.Null, grand["children"]!["more"]!.Type);
        Assert.All(grand["children"]!["results"]!, g => Assert.Null(g["children"]));
    }

    private static int Deepest(JToken node, int depth) =>
        node["children"] is { } children ? children["results"]!.Max(c => Deepest(c, depth + 1)) : depth;

    [Fact]
    public async Task A_single_child_chain_collapses_into_one_response()
    {
        var ids = await TreeAsync(Topic("chain", Topic("t1", Topic("t2", Topic("t3", Topic("t4", Topic("t5", new Spec("leaf", true, []))))))));
        var body = await app.Anonymous().GetJsonAsync(Url + ids["chain"] + "/");
        Assert.Equal(6, Deepest(body, 0));
    }

    [Fact]
    public async Task Collapse_goes_through_a_lone_available_child()
    {
        Spec Pair(string p, int depth) => depth == 0
            ? new Spec(p, true, [])
            : Topic(p, Pair(p + "a", depth - 1), Pair(p + "b", depth - 1));
        var ids = await TreeAsync(Topic("pairs", new Spec("gone", false, [Pair("ga", 1), Pair("gb", 1)]), Pair("kept", 2)));
        var body = await app.Anonymous().GetJsonAsync(Url + ids["pairs"] + "/");
        Assert.Equal(3, Deepest(body, 0));
    }
}
