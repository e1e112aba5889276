namespace KolibriSlices.Tests.Features.Content.Files;

/// <summary>/api/content/file/ on content_test.json (content.md §7.1, §12 33).</summary>
public sealed class FilesTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/content/file/";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_is_every_file_available_or_not()
    {
        var body = await app.Anonymous().GetJsonAsync(Url);
        Assert.Equal(10, body.Count());
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Detail_by_id_and_404_when_missing()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "6bdfea4a01830fdd4a585181c0b8068c/");
        Assert.Equal("high_res_video", (string)body["preset"]!);
        Assert.Equal("en", (string)body["lang"]!["lang_code"]!);
        await app.Anonymous().GetJsonAsync(Url + "00000000000000000000000000000abc/", HttpStatusCode.NotFound);
        await app.Anonymous().GetJsonAsync(Url + "nope/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_size_pages_by_number()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "?page_size=4&page=3");
        Assert.Equal(10, (int)body["count"]!);
        Assert.Equal(3, (int)body["total_pages"]!);
        Assert.Equal(2, body["results"]!.Count());
        await app.Anonymous().GetJsonAsync(Url + "?page_size=4&page=4", HttpStatusCode.NotFound);
    }
}
