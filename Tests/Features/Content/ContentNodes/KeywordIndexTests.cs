using KolibriSlices.Tests.Infrastructure.Content;

namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>
/// Rare keywords are read from the title/description index (migration M0201): it must follow imports, edits and
/// re-imports, and answer as the LIKE alone would (short words, several words, title or description). A database of
/// its own with an imported synthetic channel.
/// </summary>
public sealed class KeywordIndexTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Channel = "5e0000000000000000000000000000d4";
    private const string Nodes = "/api/content/contentnode/";
    private const string Search = "/api/content/contentnode_search/";

    public async Task InitializeAsync()
    {
        if (await app.HasChannelAsync(Channel)) return;
        await ImportAsync(force: false);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task ImportAsync(bool force) =>
        app.ImportAsync(new SyntheticChannel { ChannelId = Channel, Nodes = 150, Depth = 3, StorageEvery = 1, Seed = 4 }, force);

    private async Task<string[]> KeywordAsync(string words) =>
        (await app.Anonymous().GetJsonAsync(Nodes + "?max_results=50&keywords=" + Uri.EscapeDataString(words)))["results"]!
            .Select(n => (string)n["id"]!).ToArray();

    private async Task<string[]> SearchAsync(string words) =>
        (await app.Anonymous().GetJsonAsync(Search + "?search=" + Uri.EscapeDataString(words)))["results"]!
            .Select(n => (string)n["id"]!).ToArray();

    private async Task<string> ResourceAsync(int skip) => (await app.Seed.ScalarAsync<string>(
        "SELECT id FROM content_contentnode WHERE kind <> 'topic' AND available = TRUE ORDER BY lft LIMIT 1 OFFSET @skip", new { skip }))!;

    [Fact]
    public async Task Edited_titles_and_descriptions_are_found_as_they_now_are_and_a_reimport_restores_them()
    {
        var first = await ResourceAsync(0);
        var second = await ResourceAsync(1);
        await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET title = 'Zanzibar Quokka lesson' WHERE id = @first", new { first });
        await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET description = 'About the QUOKKA of Rottnest' WHERE id = @second", new { second });

        Assert.Equal([first], await KeywordAsync("zanzibar"));
        Assert.Equal(new[] { first, second }.Order(), (await KeywordAsync("quokka")).Order());
        Assert.Equal([first], await KeywordAsync("quokka zanzibar"));
        Assert.Empty(await KeywordAsync("zanzibar rottnest"));
        Assert.Equal([second], await KeywordAsync("of rottnest"));
        Assert.Empty(await KeywordAsync("zanz*bar OR NEAR(quokka) ^col:x {title}"));
        Assert.DoesNotContain(first, await SearchAsync("zanz*bar OR NEAR(quok) ^col:x")); // FTS5 syntax in words is literal text, never a 500
        Assert.Contains(first, await SearchAsync("zanzibar"));
        Assert.Equal(new[] { first, second }.Order(), (await SearchAsync("zanzibar rottnest")).Order());

        await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET title = 'Plain lesson' WHERE id = @first", new { first });
        Assert.Empty(await KeywordAsync("zanzibar"));
        Assert.Equal([second], await KeywordAsync("quokka"));

        await ImportAsync(force: true);
        Assert.Empty(await KeywordAsync("quokka"));
        Assert.Empty(await SearchAsync("rottnest"));
        Assert.Equal(0L, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode WHERE title LIKE '%Quokka%' OR description LIKE '%QUOKKA%'"));
    }
}
