namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>content.md §1.3: the read-only content endpoints serve everyone alike, logged in or not.</summary>
public sealed class ContentVisibilityTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public static readonly TheoryData<string?, string> Cases = Build();

    private static TheoryData<string?, string> Build()
    {
        string[] urls =
        [
            "/api/content/channel/", "/api/content/channel/6199dde695db4ee4ab392222d5af1e5c/", "/api/content/contentnode/",
            "/api/content/contentnode/32a941fb77c2576e8f6b294cde4c3b0c/", "/api/content/contentnode_tree/da7ecc42e62553eebc8121242746e88a/",
            "/api/content/contentnode_search/?search=c", "/api/content/file/", "/api/content/contentnode_granular/da7ecc42e62553eebc8121242746e88a/",
        ];
        var data = new TheoryData<string?, string>();
        foreach (var user in new string?[] { null, "learner", "ccoach", "admin", "superuser", "otherlearner" })
            foreach (var url in urls) data.Add(user, url);
        return data;
    }

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Everyone_reads_content_alike(string? user, string url)
    {
        using var client = user switch
        {
            null => app.Anonymous(),
            "superuser" => await app.LoginAsync(user),
            "otherlearner" => await app.LoginAsync(user, Known.OtherFacility),
            _ => await app.LoginAsync(user, Known.Facility),
        };
        var mine = await client.GetJsonAsync(url);
        var anonymous = await app.Anonymous().GetJsonAsync(url);
        Assert.Equal(anonymous.ToString(), mine.ToString());
    }
}
