namespace KolibriSlices.Tests.Features.Content.ContentNodeSearch;

/// <summary>/api/content/contentnode_search/ on content_test.json (content.md §5.5, §12 42-44).</summary>
public sealed class ContentNodeSearchTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/content/contentnode_search/";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_for_root_finds_the_root_topic_with_its_facets()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "?search=root");
        Assert.Equal(1, (int)body["total_results"]!);
        Assert.Equal(["topic"], body["content_kinds"]!.Values<string>());
        Assert.Equal([Seed.ContentChannel], body["channel_ids"]!.Values<string>());
        Assert.Single(body["results"]!);
        Snapshot.Match(body);
    }

    [Theory]
    [InlineData("!?,")]
    [InlineData("or")]
    public async Task Separator_only_or_unmatched_searches_find_nothing(string search)
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "?search=" + Uri.EscapeDataString(search));
        Assert.Empty(body["results"]!);
        Assert.Equal(0, (int)body["total_results"]!);
    }

    [Fact]
    public async Task Facets_have_no_duplicates_and_results_one_node_per_content_id()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "?search=c");
        var kinds = body["content_kinds"]!.Values<string>().ToList();
        Assert.Equal(kinds.Distinct().Count(), kinds.Count);
        Assert.Single(body["channel_ids"]!);
        var contentIds = body["results"]!.Select(n => (string)n["content_id"]!).ToList();
        Assert.Equal(contentIds.Distinct().Count(), contentIds.Count);
        Assert.Equal(contentIds.Count, (int)body["total_results"]!);
    }

    [Fact]
    public async Task Words_match_titles_then_descriptions_case_insensitively_and_filters_apply()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "?search=BALBLA5");
        Assert.Equal(["c2c2", "c2c3", "c3c1"], body["results"]!.Select(n => (string)n["title"]!));
        var limited = await app.Anonymous().GetJsonAsync(Url + "?search=balbla5&max_results=1");
        Assert.Single(limited["results"]!);
        Assert.Equal(3, (int)limited["total_results"]!);
        var filtered = await app.Anonymous().GetJsonAsync(Url + "?search=balbla5&kind=document");
        Assert.Equal(["c2c2"], filtered["results"]!.Select(n => (string)n["title"]!));
        Assert.Equal(["audio", "document", "topic"], filtered["content_kinds"]!.Values<string>());
    }

    [Fact]
    public async Task Stop_words_do_not_have_to_match()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "?search=" + Uri.EscapeDataString("the c2c1"));
        Assert.Equal(["c2c1"], body["results"]!.Select(n => (string)n["title"]!));
        var keywords = await app.Anonymous().GetJsonAsync("/api/content/contentnode/?keywords=" + Uri.EscapeDataString("the c2c1"));
        Assert.Equal(["c2c1"], keywords.Select(n => (string)n["title"]!));
    }

    [Fact]
    public async Task Missing_search_is_412()
    {
        var body = await app.Anonymous().GetJsonAsync(Url, HttpStatusCode.PreconditionFailed);
        Assert.Equal("The following parameters were missing and are required: search", (string)body["detail"]!);
    }
}
