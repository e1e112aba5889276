namespace KolibriSlices.Tests.Features.Auth.Remote;

public sealed class RemoteTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Search = "/api/auth/remotefacilityuser";
    private const string Info = "/api/auth/remotefacilityauthenticateduserinfo";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("learner")]
    [InlineData("admin")]
    [InlineData("superuser")]
    public async Task User_search_on_a_peer_answers_an_empty_object_as_when_the_peer_is_unreachable(string? actor)
    {
        using var client = await app.ClientAsync(actor);
        var body = await client.GetJsonAsync($"{Search}?baseurl=http://192.168.1.20:8080&username=amy&facility={Known.Facility}");
        Assert.Equal("{}", body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task User_search_without_parameters_is_400_naming_each()
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync(Search, HttpStatusCode.BadRequest);
        Snapshot.Match(body);
    }

    [Theory]
    [InlineData("ftp://peer", "amy", Known.Facility, "baseurl")]
    [InlineData("http://", "amy", Known.Facility, "baseurl")]
    [InlineData("http://peer:8080", "amy", "nope", "facility")]
    [InlineData("http://peer:8080", "", Known.Facility, "username")]
    public async Task Bad_user_search_parameters_are_400(string baseurl, string username, string facility, string field)
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync($"{Search}?baseurl={Uri.EscapeDataString(baseurl)}&username={username}&facility={facility}", HttpStatusCode.BadRequest);
        Assert.Equal(field, (string?)body.Single()["metadata"]!["field"]);
    }

    [Fact]
    public async Task Remote_user_info_fails_authentication_with_403()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync(Info, new { baseurl = "http://peer:8080", username = "amy", facility_id = Known.Facility, password = "pw" })
            .JsonAsync(HttpStatusCode.Forbidden);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Remote_user_info_without_parameters_is_400()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync(Info, new { }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["baseurl", "facility_id", "username"], body.Select(e => (string)e["metadata"]!["field"]!).Order());
        var badUrl = await superuser.PostAsync(Info, new { baseurl = "not a url", username = "amy", facility_id = Known.Facility }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)badUrl.Single()["id"]);
    }

    [Fact]
    public async Task Both_helpers_have_no_trailing_slash()
    {
        using var client = app.Anonymous();
        await client.GetJsonAsync(Search + "/", HttpStatusCode.NotFound);
        await client.PostAsync(Info + "/", new { }).JsonAsync(HttpStatusCode.NotFound);
    }
}
