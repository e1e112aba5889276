using Dapper;
using KolibriSlices.Tests.Infrastructure.Content;
using Newtonsoft.Json.Linq;

namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>
/// A paged keyword list reads a word of many nodes from the ordered walk, and a word of few nodes, or of nodes far along
/// the walk, through the trigram index (SQLite): every way must page through the same nodes, in the same order, as the
/// LIKE conditions alone select them. A database of its own with a channel of 2,400 nodes, so that a word can be on
/// more than a hundred nodes and still leave the first thousand without a page of them.
/// </summary>
public sealed class KeywordPageTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Channel = "5e0000000000000000000000000000d5";

    public async Task InitializeAsync()
    {
        if (await app.HasChannelAsync(Channel)) return;
        await app.ImportAsync(new SyntheticChannel { ChannelId = Channel, Nodes = 2_400, Depth = 3, StorageEvery = 1, Seed = 5 });

        // In walk order: "everywhere" on every third resource, "lastpart" on 300 resources at the end of the walk,
        // "fewplaces" on 12 resources spread over the channel, "nowhere" on none.
        await using var conn = await app.Db.OpenAsync();
        var resources = (await conn.QueryAsync<string>(
            "SELECT id FROM content_contentnode WHERE channel_id = @Channel AND kind <> 'topic' ORDER BY lft, id", new { Channel })).ToList();
        Assert.True(resources.Count > 1_500, $"{resources.Count} resources");
        async Task TitleAsync(IEnumerable<string> ids, string word) =>
            await conn.ExecuteAsync("UPDATE content_contentnode SET title = title || ' ' || @word WHERE id IN @ids", new { word, ids = ids.ToArray() });
        await TitleAsync(resources.Where((_, i) => i % 3 == 0), "Everywhere");
        await TitleAsync(resources.TakeLast(300), "lastpart");
        await TitleAsync(resources.Where((_, i) => i % (resources.Count / 12) == 5).Take(12), "fewplaces");

        // Words whose first matches are all videos, so the labels of the first rows do not hold every activity: the
        // labels must go on to the exercises at the end, through the trigram index ("videosfirst", on 170 nodes) or by
        // the LIKE conditions over every node ("videosmostly", on more than an eighth of the nodes).
        var kinds = (await conn.QueryAsync<(string Id, string Kind)>(
            "SELECT id, kind FROM content_contentnode WHERE channel_id = @Channel AND kind <> 'topic' ORDER BY lft, id", new { Channel })).ToList();
        var videos = kinds.Where(r => r.Kind == "video").Select(r => r.Id).ToList();
        var lastExercises = kinds.Where(r => r.Kind == "exercise").Select(r => r.Id).TakeLast(20).ToList();
        await TitleAsync(videos.Take(150).Concat(lastExercises), "videosfirst");
        await TitleAsync(videos.Concat(lastExercises), "videosmostly");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> IdsAsync(string sql, object? args = null)
    {
        await using var conn = await app.Db.OpenAsync();
        return (await conn.QueryAsync<string>(sql, args)).ToList();
    }

    private Task<List<string>> ExpectedAsync(string word) => IdsAsync("""
        SELECT id FROM content_contentnode
        WHERE available = TRUE AND (LOWER(title) LIKE @like OR LOWER(description) LIKE @like) ORDER BY lft, id
        """, new { like = "%" + word.ToLowerInvariant() + "%" });

    /// <summary>Every page of <c>?max_results=25&amp;keywords=</c>, following <c>more</c> to the end.</summary>
    private async Task<(List<string> Ids, List<JToken> Pages)> PagesAsync(string word)
    {
        var pages = await app.Anonymous().GetCursorPagesAsync("/api/content/contentnode/",
            "/api/content/contentnode/?max_results=25&keywords=" + Uri.EscapeDataString(word));
        return (pages.SelectMany(page => page["results"]!.Select(n => (string)n["id"]!)).ToList(), pages);
    }

    [Theory]
    [InlineData("everywhere")] // fills a page within the first nodes of the walk
    [InlineData("EveryWHERE")] // any case of ASCII letters
    [InlineData("lastpart")] // on many nodes, none of them among the first thousand
    [InlineData("fewplaces")] // read through the index at once
    [InlineData("nowhere")]
    [InlineData("videosfirst")] // labels: past the first rows, through the index
    [InlineData("videosmostly")] // labels: past the first rows, over every node
    public async Task Every_page_holds_the_next_matches_in_tree_order(string word)
    {
        var expected = await ExpectedAsync(word);
        var (ids, pages) = await PagesAsync(word);

        Assert.Equal(expected, ids);
        Assert.All(pages.SkipLast(1), page => Assert.Equal(25, page["results"]!.Count()));
        Assert.All(pages, page => Assert.Equal(pages[0]["labels"]!.ToString(), page["labels"]!.ToString()));
        Assert.Equal(expected.Count > 0 ? [Channel] : [], pages[0]["labels"]!["channels"]!.Select(c => (string)c["id"]!));
        foreach (var (facet, vocabulary) in KolibriSlices.Features.Content.ContentLabels.Faceted)
            Assert.Equal(await ExpectedLabelsAsync(word, facet, vocabulary), pages[0]["labels"]![facet]!.Values<string>());
    }

    /// <summary>The labels of one facet over every match, in vocabulary order, straight from SQL.</summary>
    private async Task<string[]> ExpectedLabelsAsync(string word, string facet, string[] vocabulary)
    {
        await using var conn = await app.Db.OpenAsync();
        var masks = await conn.QueryAsync<long?>($"""
            SELECT DISTINCT {facet}_bitmask_0 FROM content_contentnode
            WHERE available = TRUE AND (LOWER(title) LIKE @like OR LOWER(description) LIKE @like)
            """, new { like = "%" + word.ToLowerInvariant() + "%" });
        var all = masks.Aggregate(0L, (acc, m) => acc | (m ?? 0));
        return vocabulary.Where((_, j) => (all & (1L << j)) != 0).ToArray();
    }

    [Fact]
    public async Task The_words_were_placed_as_the_cases_need()
    {
        Assert.True((await ExpectedAsync("everywhere")).Count > 500);
        Assert.Equal(300, (await ExpectedAsync("lastpart")).Count);
        Assert.Equal(12, (await ExpectedAsync("fewplaces")).Count);
        var firstThousand = (await IdsAsync("SELECT id FROM content_contentnode ORDER BY lft, id LIMIT 1000")).ToHashSet();
        Assert.DoesNotContain(await ExpectedAsync("lastpart"), firstThousand.Contains);

        var nodes = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode");
        Assert.InRange((await ExpectedAsync("videosfirst")).Count, 101, nodes / 8); // more than a page path narrows at once
        Assert.True((await ExpectedAsync("videosmostly")).Count > nodes / 8);
        if (!app.Db.IsSqlite) return; // the labels read a channel's first rows by rowid on SQLite only
        var firstRows = (await IdsAsync("SELECT id FROM content_contentnode ORDER BY rowid LIMIT 1000")).ToHashSet();
        foreach (var word in new[] { "videosfirst", "videosmostly" })
        {
            var matches = await IdsAsync("SELECT id FROM content_contentnode WHERE title LIKE @like", new { like = $"%{word}%" });
            var exercises = await IdsAsync("SELECT id FROM content_contentnode WHERE kind = 'exercise' AND title LIKE @like", new { like = $"%{word}%" });
            Assert.Equal(["video"], await IdsAsync("SELECT DISTINCT kind FROM content_contentnode WHERE id IN @ids", new { ids = matches.Where(firstRows.Contains).ToArray() }));
            Assert.NotEmpty(exercises);
            Assert.DoesNotContain(exercises, firstRows.Contains);
        }
    }
}
