namespace KolibriSlices.Tests.Features.Public.Facilities;

public sealed class PublicFacilitiesTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/public/v1/facility/";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        await app.Seed.DatasetExtraFieldsAsync(Known.OtherDataset, """{"facility": {}, "on_my_own_setup": true, "pin_code": ""}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Anonymous_gets_one_item_per_facility()
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync(Url);
        Snapshot.Match(body);
        Assert.Equal(await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE kind = 'facility'"), body.Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("learner")]
    [InlineData("ccoach")]
    [InlineData("fcoach")]
    [InlineData("admin")]
    [InlineData("superuser")]
    [InlineData("otheradmin")]
    public async Task Everyone_reads_every_facility(string? actor)
    {
        using var client = await app.ClientAsync(actor);
        Assert.Equal(2, (await client.GetJsonAsync(Url)).Count());
        Assert.Equal("Other School", (string?)(await client.GetJsonAsync($"{Url}{Known.OtherFacility}/"))["name"]);
    }

    [Fact]
    public async Task Detail_of_an_unknown_or_malformed_id_is_404()
    {
        using var client = app.Anonymous();
        await client.GetJsonAsync($"{Url}ffffffffffffffffffffffffffffffff/", HttpStatusCode.NotFound);
        await client.GetJsonAsync($"{Url}nope/", HttpStatusCode.NotFound);
        var body = await client.GetJsonAsync($"{Url}{Known.OtherFacility}/");
        Assert.True((bool)body["on_my_own_setup"]!);
        Assert.Equal(Known.OtherDataset, (string?)body["dataset"]);
    }
}
