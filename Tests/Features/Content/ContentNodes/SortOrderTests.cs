namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>
/// Real channels mix whole and fractional sort orders (Studio puts a moved node between two others). SQLite keeps a
/// whole one as an integer, so a page holding both kinds must still read as numbers, not fail.
/// </summary>
public sealed class SortOrderTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string C2 = "2e8bac07947855369fe2d77642dfc870";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
        await using var conn = await app.Db.OpenAsync();
        await conn.ExecuteAsync("UPDATE content_contentnode SET sort_order = CASE title WHEN 'c2c1' THEN 1.0 WHEN 'c2c2' THEN 1.5 ELSE 2 END WHERE parent_id = @C2", new { C2 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/content/contentnode/?parent=" + C2)]
    [InlineData("/api/content/usercontentnode/?parent=" + C2)]
    public async Task Whole_and_fractional_sort_orders_read_back_as_numbers(string url)
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.GetJsonAsync(url);
        var nodes = body.Type == JTokenType.Array ? body : body["results"]!;
        Assert.Equal([1.0, 1.5, 2.0], nodes.Select(n => (double)n["sort_order"]!).Order());
    }
}
