namespace KolibriSlices.Tests.Features.Public.ImportMetadata;

/// <summary>GET /api/public/v2/importmetadata/&lt;node&gt;/ on Kolibri's API fixture: content.md §7.5 and §12 #57.</summary>
public sealed class ImportMetadataTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string C2C1 = "2b6926ed22025518a8b9da91745b51d3";
    private const string Url = "/api/public/v2/importmetadata/";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_node_comes_with_its_ancestors_and_everything_they_point_at()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + C2C1 + "/?schema_version=5");
        Assert.Equal(["root", "c2", "c2c1"], body["content_contentnode"]!.Select(n => (string)n["title"]!));
        Assert.Equal("5", (string?)body["schema_version"]);
        Assert.Single(body["content_channelmetadata"]!);
        Assert.All(body["content_file"]!, f => Assert.Contains((string)f["contentnode_id"]!, body["content_contentnode"]!.Select(n => (string)n["id"]!)));
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Schema_version_may_be_left_out()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + C2C1 + "/");
        Assert.Equal(3, body["content_contentnode"]!.Count());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("6")]
    [InlineData("five")]
    public async Task Other_schema_versions_are_400(string version)
    {
        var body = await app.Anonymous().GetJsonAsync(Url + C2C1 + "/?schema_version=" + version, HttpStatusCode.BadRequest);
        Assert.Equal("schema_version", (string?)body[0]!["metadata"]!["field"]);
    }

    [Fact]
    public async Task A_malformed_id_is_400_invalid_uuid_format()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + Uri.EscapeDataString("this is not a UUID") + "/?schema_version=5", HttpStatusCode.BadRequest);
        Assert.Equal("Invalid UUID format.", (string?)body["error"]);
    }

    [Fact]
    public async Task An_unknown_node_is_404()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "0123456789abcdef0123456789abcdef/", HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", (string?)body[0]!["id"]);
    }
}
