namespace KolibriSlices.Tests.Features.Auth.UsernameAvailable;

public sealed class UsernameAvailableTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/auth/usernameavailable";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("learner")]
    [InlineData("ccoach")]
    [InlineData("fcoach")]
    [InlineData("admin")]
    [InlineData("superuser")]
    [InlineData("otheradmin")]
    public async Task Anyone_may_ask_and_a_new_name_is_available(string? actor)
    {
        using var client = actor is null ? app.Anonymous(sendCsrf: false) : await app.LoginAsync(actor, actor == "otheradmin" ? Known.OtherFacility : Known.Facility);
        var body = await client.PostAsync(Url, new { username = "new_user", facility = Known.Facility }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("true", body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task Taken_name_in_any_case_is_username_already_exists()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync(Url, new { username = "LEARNER", facility = Known.Facility }).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Name_taken_only_in_another_facility_is_available()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync(Url, new { username = "otherlearner", facility = Known.Facility }).JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)body);
    }

    [Fact]
    public async Task Unknown_facility_is_404_with_a_json_string()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync(Url, new { username = "x", facility = "fac00000000000000000000000000999" }).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("\"Facility not found\"", body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Theory]
    [InlineData("username", null, "REQUIRED")]
    [InlineData("username", "", "BLANK")]
    [InlineData("facility", null, "REQUIRED")]
    [InlineData("facility", "nope", "INVALID")]
    public async Task Bad_input_is_400(string field, string? value, string expectedId)
    {
        using var client = app.Anonymous();
        var body = new Dictionary<string, object?> { ["username"] = "x", ["facility"] = Known.Facility };
        if (value is null) body.Remove(field); else body[field] = value;
        var errors = await client.PostAsync(Url, body).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(expectedId, (string?)errors[0]!["id"]);
        Assert.Equal(field, (string?)errors[0]!["metadata"]!["field"]);
    }

    [Fact]
    public async Task A_trailing_slash_is_404()
    {
        using var client = app.Anonymous();
        await client.PostAsync(Url + "/", new { username = "x", facility = Known.Facility }).JsonAsync(HttpStatusCode.NotFound);
    }
}
