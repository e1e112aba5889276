namespace KolibriSlices.Tests.Features.Auth.IsPinValid;

public sealed class IsPinValidTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string ContentManager = "c0000000000000000000000000000001";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE id = @ContentManager", new { ContentManager }) > 0) return;
        await app.Seed.UserAsync(ContentManager, "contentmanager", Known.Facility);
        await app.Seed.DevicePermissionsAsync(ContentManager, superuser: false, canManageContent: true);
        await app.Seed.DatasetExtraFieldsAsync(Known.OtherDataset, """{"facility": {}, "on_my_own_setup": false, "pin_code": "1234"}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Url(string dataset) => "/api/auth/ispinvalid/" + dataset;

    [Fact]
    public async Task Right_pin_is_valid_wrong_pin_is_not_and_an_unset_pin_never_matches()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url(Known.OtherDataset), new { pin_code = "1234" }).JsonAsync(HttpStatusCode.OK);
        Snapshot.Match(body);
        Assert.False((bool)(await superuser.PostAsync(Url(Known.OtherDataset), new { pin_code = "1243" }).JsonAsync(HttpStatusCode.OK))["is_pin_valid"]!);

        var (_, dataset) = await app.Seed.OwnFacilityAsync(Seed.UniqueName("Pinned"));
        await superuser.PostAsync($"/api/auth/facilitydataset/{dataset}/update-pin/", new { pin_code = "4321" }).JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)(await superuser.PostAsync(Url(dataset), new { pin_code = "4321" }).JsonAsync(HttpStatusCode.OK))["is_pin_valid"]!);
        await superuser.PatchAsync($"/api/auth/facilitydataset/{dataset}/update-pin/", new { }).JsonAsync(HttpStatusCode.OK);
        Assert.False((bool)(await superuser.PostAsync(Url(dataset), new { pin_code = "4321" }).JsonAsync(HttpStatusCode.OK))["is_pin_valid"]!);
        Assert.False((bool)(await superuser.PostAsync(Url(Known.Dataset), new { pin_code = "0000" }).JsonAsync(HttpStatusCode.OK))["is_pin_valid"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12a4")]
    [InlineData("123")]
    public async Task Missing_empty_or_malformed_pin_is_400(string? pin)
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Url(Known.OtherDataset), pin is null ? new { } : new { pin_code = pin }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("""[{"id":"INVALID","metadata":{"field":"pin_code","message":"Invalid pin input"}}]""", body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.Forbidden)]
    [InlineData("fcoach", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("contentmanager", HttpStatusCode.OK)]
    [InlineData("superuser", HttpStatusCode.OK)]
    public async Task Only_superusers_and_content_managers_may_check(string? actor, HttpStatusCode expected)
    {
        using var client = await app.ClientAsync(actor);
        var body = await client.PostAsync(Url(Known.OtherDataset), new { pin_code = "1234" }).JsonAsync(expected);
        if (expected == HttpStatusCode.Forbidden) Assert.Equal(actor is null ? "NOT_AUTHENTICATED" : "PERMISSION_DENIED", (string?)body[0]!["id"]);
    }

    [Fact]
    public async Task Unknown_dataset_is_404_and_so_are_ids_that_are_not_32_lowercase_hex_or_slashed()
    {
        using var superuser = await app.LoginAsync("superuser");
        await superuser.PostAsync(Url("ffffffffffffffffffffffffffffffff"), new { pin_code = "1234" }).JsonAsync(HttpStatusCode.NotFound);
        await superuser.PostAsync(Url(Known.OtherDataset.ToUpperInvariant()), new { pin_code = "1234" }).JsonAsync(HttpStatusCode.NotFound);
        await superuser.PostAsync(Url(Known.OtherDataset) + "/", new { pin_code = "1234" }).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_is_403_for_others_and_405_for_a_superuser()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.GetJsonAsync(Url(Known.OtherDataset), HttpStatusCode.Forbidden);
        using var superuser = await app.LoginAsync("superuser");
        await superuser.GetJsonAsync(Url(Known.OtherDataset), HttpStatusCode.MethodNotAllowed);
    }
}
