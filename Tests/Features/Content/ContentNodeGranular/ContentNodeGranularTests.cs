namespace KolibriSlices.Tests.Features.Content.ContentNodeGranular;

/// <summary>/api/content/contentnode_granular/ on content_test.json (content.md §7.2, §12 54-55).</summary>
public sealed class ContentNodeGranularTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/content/contentnode_granular/";
    private const string Root = "da7ecc42e62553eebc8121242746e88a";
    private const string C1 = "32a941fb77c2576e8f6b294cde4c3b0c";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task For_export_reports_the_devices_own_numbers()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + C1 + "/?for_export=true");
        Assert.Equal(JTokenType.Null, body["importable"]!.Type);
        Assert.Equal(JTokenType.Null, body["new_resource"]!.Type);
        Assert.Empty(body["children"]!);
        Assert.Equal((int)body["on_device_resources"]!, (int)body["total_resources"]!);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Root_lists_topic_and_renderable_children_without_an_import_source()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + Root + "/");
        Assert.Equal([C1, "2e8bac07947855369fe2d77642dfc870"], body["children"]!.Select(c => (string)c["id"]!).Where(i => i != "42a941fb77c2576e8f6b294cde4c3b0c"));
        Assert.False((bool)body["importable"]!);
        Assert.Empty(body["ancestors"]!);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Conflicting_or_unknown_sources_are_400_and_unknown_nodes_404()
    {
        var conflict = await app.Anonymous().GetJsonAsync(Url + Root + "/?for_export=true&importing_from_drive_id=x", HttpStatusCode.BadRequest);
        Assert.Equal("Must specify at most one of importing_from_drive_id, importing_from_peer_id, and for_export", (string)conflict[0]!);
        await app.Anonymous().GetJsonAsync(Url + Root + "/?importing_from_peer_id=" + Guid.NewGuid().ToString("N"), HttpStatusCode.BadRequest);
        await app.Anonymous().GetJsonAsync(Url + "00000000000000000000000000000abc/", HttpStatusCode.NotFound);
        // A document whose only file is a thumbnail cannot be rendered, so it is not listed.
        await app.Anonymous().GetJsonAsync(Url + "4d0c890de9b65d6880ccfa527800e0f4/", HttpStatusCode.NotFound);
    }
}
