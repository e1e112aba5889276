namespace KolibriSlices.Tests.Features.Auth.FacilityUsernames;

public sealed class FacilityUsernamesTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Names = "/api/auth/facilityusername/";
    private const string Passwordless = "fa110000000000000000000000000001";
    private const string Amy = "a1100000000000000000000000000001";
    private const string Coach = "a1100000000000000000000000000003";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @Passwordless", new { Passwordless }) > 0) return;
        await app.Seed.FacilityAsync(Passwordless, "da110000000000000000000000000001", "Open School", "formal", passwordless: true);
        await app.Seed.UserAsync(Amy, "amy", Passwordless, password: null);
        await app.Seed.UserAsync("a1100000000000000000000000000002", "Bob", Passwordless, password: null);
        await app.Seed.UserAsync(Coach, "amy_coach", Passwordless);
        await app.Seed.RoleAsync(Coach, Passwordless, "coach");
        await app.Seed.UserAsync("a1100000000000000000000000000004", "amy_super", Passwordless);
        await app.Seed.DevicePermissionsAsync("a1100000000000000000000000000004", superuser: true, canManageContent: false);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("learner")]
    [InlineData("ccoach")]
    [InlineData("fcoach")]
    [InlineData("admin")]
    [InlineData("superuser")]
    [InlineData("otheradmin")]
    public async Task Anyone_gets_the_passwordless_learners_and_nobody_else(string? actor)
    {
        using var client = actor is null ? app.Anonymous() : await app.LoginAsync(actor, actor == "otheradmin" ? Known.OtherFacility : Known.Facility);
        var body = await client.GetJsonAsync(Names);
        Assert.Equal(["Bob", "amy"], body.Select(u => (string)u["username"]!));
    }

    [Fact]
    public async Task Items_carry_only_the_username()
    {
        using var client = app.Anonymous();
        Snapshot.Match(await client.GetJsonAsync(Names + "?facility=" + Passwordless));
    }

    [Fact]
    public async Task Facility_filter_and_prefix_search()
    {
        using var client = app.Anonymous();
        Assert.Empty(await client.GetJsonAsync(Names + "?facility=" + Known.Facility));
        Assert.Equal(["amy"], (await client.GetJsonAsync(Names + "?search=AM")).Select(u => (string)u["username"]!));
        Assert.Empty(await client.GetJsonAsync(Names + "?search=my"));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("fac00000000000000000000000000999")]
    public async Task Unknown_facility_is_invalid_choice(string facility)
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync(Names + "?facility=" + facility, HttpStatusCode.BadRequest);
        Snapshot.Match(body, SnapshotNameExtension.Create(facility.Length));
    }

    [Fact]
    public async Task Detail_answers_only_for_passwordless_learners()
    {
        using var client = app.Anonymous();
        Assert.Equal("""{"username":"amy"}""", (await client.GetJsonAsync($"{Names}{Amy}/")).ToString(Newtonsoft.Json.Formatting.None));
        await client.GetJsonAsync($"{Names}{Coach}/", HttpStatusCode.NotFound);
        await client.GetJsonAsync($"{Names}{Known.Learner}/", HttpStatusCode.NotFound);
        await client.GetJsonAsync($"{Names}nope/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_can_be_paged()
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync(Names + "?page_size=1");
        Assert.Equal(2, (int)body["count"]!);
    }
}
