namespace KolibriSlices.Tests.Features.Auth.SetNonSpecifiedPassword;

public sealed class SetNonSpecifiedPasswordTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/auth/setnonspecifiedpassword";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<string?> PasswordAsync(string id) =>
        app.Seed.ScalarAsync<string?>("SELECT password FROM kolibriauth_facilityuser WHERE id = @id", new { id });

    [Fact]
    public async Task Sets_the_password_without_logging_in()
    {
        var name = Seed.UniqueName("nsp");
        var id = await app.Seed.UserAsync(null, name, Known.Facility, password: null);
        using var client = app.Anonymous(sendCsrf: false);
        using var response = await client.PostAsync(Url, new { username = name, password = "chosen", facility = Known.Facility });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.True(await app.Seed.PasswordVerifiesAsync(id, "chosen"));
        Assert.Null(client.Cookie("kolibri"));
        using var login = await app.LoginAsync(name, Known.Facility, "chosen");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("learner")]
    [InlineData("ccoach")]
    [InlineData("fcoach")]
    [InlineData("admin")]
    [InlineData("superuser")]
    [InlineData("otheradmin")]
    public async Task Anyone_may_call_it(string? actor)
    {
        var name = Seed.UniqueName("any");
        var id = await app.Seed.UserAsync(null, name, Known.Facility, password: null);
        using var client = actor is null ? app.Anonymous() : await app.LoginAsync(actor, actor == "otheradmin" ? Known.OtherFacility : Known.Facility);
        await client.PostAsync(Url, new { username = name, password = "chosen", facility = Known.Facility }).JsonAsync(HttpStatusCode.OK);
        Assert.True(await app.Seed.PasswordVerifiesAsync(id, "chosen"));
    }

    [Theory]
    [InlineData("random facility")]
    [InlineData("malformed facility")]
    [InlineData("unknown username")]
    [InlineData("other case")]
    [InlineData("real password")]
    [InlineData("os user")]
    public async Task Anyone_but_a_passwordless_user_found_exactly_is_404(string situation)
    {
        var name = Seed.UniqueName("nf");
        var id = await app.Seed.UserAsync(null, name, Known.Facility, password: situation == "real password" ? "real" : null);
        if (situation == "os user") await app.Seed.OsUserAsync(id, "osname");
        using var client = app.Anonymous();
        var body = await client.PostAsync(Url, new
        {
            username = situation switch { "unknown username" => "nobody_here", "other case" => name.ToUpperInvariant(), _ => name },
            password = "chosen",
            facility = situation switch { "random facility" => Guid.NewGuid().ToString("N"), "malformed facility" => "nope", _ => Known.Facility },
        }).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", (string?)body[0]!["id"]);
        Assert.False(await app.Seed.PasswordVerifiesAsync(id, "chosen"));
        if (situation != "real password") Assert.Equal("NOT_SPECIFIED", await PasswordAsync(id));
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    [InlineData("facility")]
    [InlineData("empty_password")]
    public async Task Missing_field_is_400_with_a_json_string(string missing)
    {
        var name = Seed.UniqueName("mf");
        var id = await app.Seed.UserAsync(null, name, Known.Facility, password: null);
        var body = new Dictionary<string, object> { ["username"] = name, ["password"] = "chosen", ["facility"] = Known.Facility };
        if (missing == "empty_password") body["password"] = ""; else body.Remove(missing);
        using var client = app.Anonymous();
        var answer = await client.PostAsync(Url, body).JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(answer, SnapshotNameExtension.Create(missing));
        Assert.Equal("NOT_SPECIFIED", await PasswordAsync(id));
    }
}
