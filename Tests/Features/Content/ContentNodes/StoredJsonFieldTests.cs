namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>
/// A node's JSON fields (options, ancestors) are sent as stored: surrounding whitespace dropped, nested whitespace kept.
/// A field that is empty or not valid JSON (a hand-edited or damaged channel database) becomes its empty value, not a 500.
/// </summary>
public sealed class StoredJsonFieldTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string C2 = "2e8bac07947855369fe2d77642dfc870";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JToken> NodeWithAsync(string? options, string? ancestors)
    {
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("UPDATE content_contentnode SET options = @options, ancestors = @ancestors WHERE id = @C2",
                new { options, ancestors, C2 });
        return await app.Anonymous().GetJsonAsync("/api/content/contentnode/" + C2 + "/");
    }

    [Fact]
    public async Task Valid_fields_are_sent_as_stored_without_surrounding_whitespace()
    {
        var node = await NodeWithAsync("\n {\"modality\": \"QUIZ\",  \"n\": [1, 2]} \t", "[{\"id\": \"x\", \"title\": \"Root \\u00e9\"}]");
        Assert.Equal("""{"modality":"QUIZ","n":[1,2]}""", node["options"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("Root é", (string?)node["ancestors"]![0]!["title"]);
    }

    [Theory]
    [InlineData("{not json", "[1, 2")]
    [InlineData("{} {}", "[] trailing")]
    [InlineData("   ", "")]
    [InlineData(null, null)]
    public async Task Empty_or_broken_fields_read_as_their_empty_value(string? options, string? ancestors)
    {
        var node = await NodeWithAsync(options, ancestors);
        Assert.Equal("{}", node["options"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("[]", node["ancestors"]!.ToString(Newtonsoft.Json.Formatting.None));
    }
}
