using KolibriSlices.Tests.Infrastructure.Content;

namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>
/// The <c>labels</c> of a cursor page stop reading once they hold every label the device's content has; they must still
/// equal the labels of the whole filtered set, and a new import (a new content cache key) must widen what "every label"
/// means. A database of its own, with its own imports.
/// </summary>
public sealed class NodeLabelsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string First = "5e0000000000000000000000000000a1";
    private const string Second = "5e0000000000000000000000000000b2";
    private const string Url = "/api/content/contentnode/";

    public async Task InitializeAsync()
    {
        if (await app.HasChannelAsync(First)) return;
        await app.ImportAsync(new SyntheticChannel { ChannelId = First, Name = "First", Nodes = 120, Depth = 3, StorageEvery = 1, Seed = 1 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The labels straight from SQL over every available node matching <paramref name="where"/>.</summary>
    private async Task<string[]> ExpectedActivitiesAsync(string where)
    {
        var sql = $"SELECT DISTINCT learning_activities_bitmask_0 FROM content_contentnode n WHERE available = TRUE AND {where}";
        await using var conn = await app.Db.OpenAsync();
        var all = (await Dapper.SqlMapper.QueryAsync<long?>(conn.Connection, sql)).Aggregate(0L, (acc, m) => acc | (m ?? 0));
        return KolibriSlices.Features.Content.ContentLabels.LearningActivities.Where((_, j) => (all & (1L << j)) != 0).ToArray();
    }

    [Fact]
    public async Task Labels_of_broad_and_narrow_filters_equal_the_whole_sets_and_a_new_channel_widens_them()
    {
        var everything = (await app.Anonymous().GetJsonAsync(Url + "?max_results=2"))["labels"]!;
        Assert.Equal(await ExpectedActivitiesAsync("1 = 1"), everything["learning_activities"]!.Values<string>());
        Assert.Equal([First], everything["channels"]!.Select(c => (string)c["id"]!));
        var videos = (await app.Anonymous().GetJsonAsync(Url + "?max_results=2&kind=video"))["labels"]!;
        Assert.Equal(await ExpectedActivitiesAsync("kind = 'video'"), videos["learning_activities"]!.Values<string>());

        await app.ImportAsync(new SyntheticChannel { ChannelId = Second, Name = "Second", Nodes = 60, Depth = 3, StorageEvery = 1, Seed = 2 });
        var both = (await app.Anonymous().GetJsonAsync(Url + "?max_results=2"))["labels"]!;
        Assert.Equal(new[] { First, Second }.Order(), both["channels"]!.Select(c => (string)c["id"]!).Order());
        Assert.Equal(["en"], both["languages"]!.Select(l => (string)l["id"]!));
        var second = (await app.Anonymous().GetJsonAsync(Url + "?max_results=2&channel_id=" + Second))["labels"]!;
        Assert.Equal([Second], second["channels"]!.Select(c => (string)c["id"]!));
    }
}
