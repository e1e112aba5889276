using KolibriSlices.Tests.Infrastructure.Content;

namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>The node endpoints over a channel imported through the real verb with its files (labels, label filters: §12 61).</summary>
public sealed class ImportedChannelTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Channel = "5e0000000000000000000000000000c1";
    private const string Url = "/api/content/contentnode/";

    public async Task InitializeAsync()
    {
        if (await app.HasChannelAsync(Channel)) return;
        await app.ImportAsync(new SyntheticChannel { ChannelId = Channel, Nodes = 400, Depth = 4, StorageEvery = 1 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Labels_facet_the_whole_filtered_set_in_vocabulary_order()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "?max_results=3");
        Assert.Equal(3, body["results"]!.Count());
        Snapshot.Match(body["labels"]!);
        var videos = await app.Anonymous().GetJsonAsync(Url + "?max_results=3&kind=video");
        Assert.Equal(["UD5UGM0z"], videos["labels"]!["learning_activities"]!.Values<string>());
        var none = await app.Anonymous().GetJsonAsync(Url + "?max_results=3&kind=video&kind_in=audio");
        Assert.Empty(none["labels"]!["learning_activities"]!);
        Assert.Empty(none["labels"]!["channels"]!);
    }

    [Fact]
    public async Task Label_filters_need_every_listed_label_and_parent_categories_match_children()
    {
        var both = await app.Seed.ScalarAsync<string>("SELECT MIN(id) FROM content_contentnode WHERE kind = 'video' AND available = TRUE");
        await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET learning_activities = 'UD5UGM0z,VwRCom7G' WHERE id = @both", new { both });
        var body = await app.Anonymous().GetJsonAsync(Url + "?learning_activities=UD5UGM0z,VwRCom7G");
        Assert.Equal([both], body.Select(n => (string)n["id"]!));
        var videos = await app.Anonymous().GetJsonAsync(Url + "?learning_activities=UD5UGM0z");
        Assert.All(videos, n => Assert.Contains("UD5UGM0z", n["learning_activities"]!.Values<string>()));
        var school = await app.Anonymous().GetJsonAsync(Url + "?categories=" + Uri.EscapeDataString("d&WXdXWF"));
        var maths = await app.Anonymous().GetJsonAsync(Url + "?categories=" + Uri.EscapeDataString("d&WXdXWF.qs0Xlaxq.nG96nHDc"));
        Assert.True(school.Count() > maths.Count());
        Assert.NotEmpty(maths);
    }

    [Fact]
    public async Task Imported_nodes_serve_files_ancestors_and_trees()
    {
        var leaf = (await app.Anonymous().GetJsonAsync(Url + "?kind=exercise&max_results=1"))["results"]![0]!;
        Assert.Equal(3, leaf["ancestors"]!.Count());
        Assert.Equal(3, (int)leaf["assessmentmetadata"]!["number_of_assessments"]!);
        Assert.NotNull((string?)leaf["thumbnail"]);
        Assert.Equal(["VwRCom7G"], leaf["learning_activities"]!.Values<string>());
        var root = await app.Seed.ScalarAsync<string>("SELECT root_id FROM content_channelmetadata WHERE id = @Channel", new { Channel });
        var tree = await app.Anonymous().GetJsonAsync($"/api/content/contentnode_tree/{root}/");
        Assert.Equal(7, tree["children"]!["results"]!.Count());
        Assert.All(tree["children"]!["results"]!, topic => Assert.Equal(7, topic["children"]!["results"]!.Count()));
        var channel = await app.Anonymous().GetJsonAsync($"/api/content/channel/{Channel}/");
        Assert.True((bool)channel["available"]!);
        Assert.Equal(["en"], channel["included_languages"]!.Values<string>());
    }
}
