using Dapper;
using KolibriSlices.Features.Content;
using KolibriSlices.Tests.Infrastructure.Content;

namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>
/// The <c>labels</c> of a cursor page stop once they hold every label the filtered set can have: that of the available
/// nodes (of every node with no_available_filtering) of the channels the filter keeps. On a device with a fully and a
/// partly downloaded channel, every way of scoping must still give the labels of the whole filtered set, keywords
/// included: "rareword" is on 150 videos among the first rows of the full channel and on 10 exercises after them, so
/// that the labels of those first rows miss an activity and the rest is read through the trigram index. A database of
/// its own.
/// </summary>
public sealed class NodeLabelsScopeTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Full = "5e0000000000000000000000000000c1";
    private const string Partial = "5e0000000000000000000000000000c2";

    public async Task InitializeAsync()
    {
        if (await app.HasChannelAsync(Partial)) return;
        await app.ImportAsync(new SyntheticChannel { ChannelId = Full, Name = "Full", Nodes = 1_500, Depth = 3, StorageEvery = 1, Seed = 11 });
        await app.ImportAsync(new SyntheticChannel { ChannelId = Partial, Name = "Partial", Nodes = 150, Depth = 3, StorageEvery = 50, Seed = 12 });
        await using var conn = await app.Db.OpenAsync();
        var resources = (await conn.QueryAsync<(string Id, string Kind)>(
            "SELECT id, kind FROM content_contentnode WHERE channel_id = @Full AND kind <> 'topic' ORDER BY lft, id", new { Full })).ToList();
        var rare = resources.Where(r => r.Kind == "video").Take(150).Concat(resources.Where(r => r.Kind == "exercise").TakeLast(10));
        await conn.ExecuteAsync("UPDATE content_contentnode SET title = title || ' rareword' WHERE id IN @ids", new { ids = rare.Select(r => r.Id).ToArray() });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Each facet's labels, the languages and the channels of every node matching <paramref name="where"/>, straight from SQL.</summary>
    private async Task<Dictionary<string, string[]>> ExpectedAsync(string where)
    {
        await using var conn = await app.Db.OpenAsync();
        var expected = new Dictionary<string, string[]>();
        foreach (var (facet, vocabulary) in ContentLabels.Faceted)
        {
            var all = (await conn.QueryAsync<long?>($"SELECT DISTINCT {facet}_bitmask_0 FROM content_contentnode n WHERE {where}"))
                .Aggregate(0L, (acc, m) => acc | (m ?? 0));
            expected[facet] = vocabulary.Where((_, j) => (all & (1L << j)) != 0).ToArray();
        }
        expected["languages"] = (await conn.QueryAsync<string>($"SELECT DISTINCT lang_id FROM content_contentnode n WHERE lang_id IS NOT NULL AND {where}")).Order().ToArray();
        expected["channels"] = (await conn.QueryAsync<string>($"SELECT DISTINCT channel_id FROM content_contentnode n WHERE {where}")).Order().ToArray();
        return expected;
    }

    [Theory]
    [InlineData("", "n.available = TRUE")]
    [InlineData("&no_available_filtering=true", "1 = 1")]
    [InlineData("&channel_id=" + Partial, "n.available = TRUE AND n.channel_id = '" + Partial + "'")]
    [InlineData("&channel_id=" + Partial + "&no_available_filtering=true", "n.channel_id = '" + Partial + "'")]
    [InlineData("&channels=" + Full + "," + Partial + "&kind=video", "n.available = TRUE AND n.kind = 'video'")]
    [InlineData("&channels=" + Partial + "&channel_id=" + Full, "1 = 0")]
    [InlineData("&kind=exercise", "n.available = TRUE AND n.kind = 'exercise'")]
    [InlineData("&kind=content&no_available_filtering=true", "n.kind <> 'topic'")]
    [InlineData("&kind_in=video,audio&channel_id=" + Partial, "n.available = TRUE AND n.kind IN ('video', 'audio') AND n.channel_id = '" + Partial + "'")]
    [InlineData("&learning_activities=UD5UGM0z", "n.available = TRUE AND n.learning_activities LIKE '%UD5UGM0z%'")]
    [InlineData("&grade_levels=wnarlxKo&no_available_filtering=1", "n.grade_levels LIKE '%wnarlxKo%'")]
    [InlineData("&categories=d%26WXdXWF", "n.available = TRUE AND n.categories LIKE '%d&WXdXWF%'")]
    [InlineData("&categories__isnull=true&kind=topic", "n.available = TRUE AND n.categories IS NULL AND n.kind = 'topic'")]
    [InlineData("&include_coach_content=false&kind=video", "n.available = TRUE AND n.coach_content = FALSE AND n.kind = 'video'")]
    [InlineData("&languages=en&kind=audio", "n.available = TRUE AND n.lang_id = 'en' AND n.kind = 'audio'")]
    [InlineData("&learning_activities=UD5UGM0z&kind=exercise", "1 = 0")]
    [InlineData("&keywords=rareword", "n.available = TRUE AND n.title LIKE '%rareword%'")]
    [InlineData("&keywords=video", "n.available = TRUE AND (n.title LIKE '%video%' OR n.description LIKE '%video%')")]
    public async Task Labels_equal_those_of_the_whole_filtered_set(string filter, string where)
    {
        var labels = (await app.Anonymous().GetJsonAsync("/api/content/contentnode/?max_results=2" + filter))["labels"]!;
        var expected = await ExpectedAsync(where);
        foreach (var (facet, _) in ContentLabels.Faceted)
            Assert.Equal(expected[facet], labels[facet]!.Values<string>());
        Assert.Equal(expected["languages"], labels["languages"]!.Select(l => (string)l["id"]!).Order());
        Assert.Equal(expected["channels"], labels["channels"]!.Select(c => (string)c["id"]!).Order());
    }

    /// <summary>
    /// A channel's cursor pages walk the (lft, id) index with the channel compared apart from its indexes (on SQLite):
    /// following <c>more</c> must still give exactly its nodes, in tree order.
    /// </summary>
    [Theory]
    [InlineData("channel_id=" + Full, "n.channel_id = '" + Full + "'")]
    [InlineData("channels=" + Partial + "," + Full + "&kind=video", "n.kind = 'video'")]
    [InlineData("channels=" + Full + "," + Partial + "&keywords=rareword", "n.title LIKE '%rareword%'")]
    public async Task Pages_of_channels_hold_their_nodes_in_tree_order(string filter, string where)
    {
        await using var conn = await app.Db.OpenAsync();
        var expected = (await conn.QueryAsync<string>($"SELECT id FROM content_contentnode n WHERE n.available = TRUE AND {where} ORDER BY n.lft, n.id")).ToList();
        var pages = await app.Anonymous().GetCursorPagesAsync("/api/content/contentnode/", "/api/content/contentnode/?max_results=50&" + filter);
        var ids = pages.SelectMany(page => page["results"]!.Select(n => (string)n["id"]!)).ToList();
        Assert.True(expected.Count > 10, $"{expected.Count} nodes");
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task The_partial_channel_lacks_labels_its_other_nodes_have()
    {
        var available = await ExpectedAsync($"n.available = TRUE AND n.channel_id = '{Partial}'");
        var every = await ExpectedAsync($"n.channel_id = '{Partial}'");
        Assert.NotEqual(every["learning_activities"], available["learning_activities"]);
        Assert.True(await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode WHERE available = TRUE AND channel_id = @Partial", new { Partial }) > 2);
    }

    [Fact]
    public async Task The_rare_word_is_on_videos_first_and_exercises_after_the_first_rows()
    {
        var fullNodes = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode WHERE channel_id = @Full", new { Full });
        Assert.InRange(await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode WHERE title LIKE '%rareword%'"), 101, fullNodes / 8);
        if (!app.Db.IsSqlite) return; // the labels read a channel's first rows by rowid on SQLite only
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("""
            SELECT COUNT(*) FROM (SELECT kind, title FROM content_contentnode WHERE channel_id = @Full ORDER BY rowid LIMIT 1000) first
            WHERE title LIKE '%rareword%' AND kind <> 'video'
            """, new { Full }));
        Assert.Equal(10, await app.Seed.ScalarAsync<long>("""
            SELECT COUNT(*) FROM (SELECT kind, title FROM content_contentnode WHERE channel_id = @Full ORDER BY rowid LIMIT -1 OFFSET 1000) rest
            WHERE title LIKE '%rareword%' AND kind = 'exercise'
            """, new { Full }));
    }
}
