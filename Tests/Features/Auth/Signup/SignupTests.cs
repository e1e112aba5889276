namespace KolibriSlices.Tests.Features.Auth.Signup;

public sealed class SignupTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/auth/signup/";
    private const string PublicUrl = "/api/public/signup/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>An anonymous browser that has fetched its CSRF cookie, as Kolibri's sign-up page has.</summary>
    private async Task<ApiClient> BrowserAsync()
    {
        var client = app.Anonymous();
        await client.GetJsonAsync("/api/auth/session/current/");
        return client;
    }

    private Task<long> CountAsync(string username) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE username = @username", new { username });

    [Fact]
    public async Task Anonymous_signup_creates_the_learner_and_logs_them_in()
    {
        using var client = await BrowserAsync();
        var before = client.Cookie("kolibri");
        var body = await client.PostAsync(Url, new { username = "user", password = "DummyPassword", full_name = "Bob Lee" }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(body, o => o.IgnoreField("id"));
        Assert.NotEqual(before, client.Cookie("kolibri"));
        var session = await client.GetJsonAsync("/api/auth/session/current/");
        Assert.Equal("user", (string?)session["username"]);
        Assert.Equal(["learner"], session["kind"]!.Select(k => (string)k!));
        Assert.True(await app.Seed.PasswordVerifiesAsync((string)body["id"]!, "DummyPassword"));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_role WHERE user_id = @id", new { id = (string)body["id"]! }));
    }

    [Fact]
    public async Task Duplicate_name_in_any_case_bad_facility_and_bad_characters_are_400()
    {
        await app.Seed.UserAsync(null, "bob", Known.Facility);
        using var client = await BrowserAsync();
        var dup = await client.PostAsync(Url, new { username = "BOB", password = "pw", facility = Known.Facility }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("USERNAME_ALREADY_EXISTS", (string?)dup[0]!["id"]);
        var random = await client.PostAsync(Url, new { username = "bob2", password = "pw", facility = Guid.NewGuid().ToString("N") })
            .JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(random);
        var chars = await client.PostAsync(Url, new { username = "(***)", password = "pw", facility = Known.Facility }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)chars[0]!["id"]);
        Assert.Equal(0, await CountAsync("BOB") + await CountAsync("bob2") + await CountAsync("(***)"));

        using var other = await BrowserAsync();
        await other.PostAsync(Url, new { username = "bob", password = "pw", facility = Known.OtherFacility }).JsonAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("password", "", "BLANK")]
    [InlineData("full_name", "x121", "MAX_LENGTH")]
    [InlineData("gender", "ROBOT", "INVALID_CHOICE")]
    [InlineData("birth_year", "1899", "INVALID")]
    [InlineData("id_number", "x65", "MAX_LENGTH")]
    [InlineData("extra_demographics", "text", "INVALID")]
    [InlineData("facility", "[number]", "INCORRECT_TYPE")]
    public async Task Bad_field_is_400_and_creates_nobody(string field, string value, string expectedId)
    {
        using var client = await BrowserAsync();
        var name = Seed.UniqueName("su");
        var body = new Dictionary<string, object> { ["username"] = name, ["password"] = "pw" };
        body[field] = value switch { "x121" => new string('x', 121), "x65" => new string('x', 65), "[number]" => 5, _ => value };
        var errors = await client.PostAsync(Url, body).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains(errors, e => (string?)e["id"] == expectedId && (string?)e["metadata"]!["field"] == field);
        Assert.Equal(0, await CountAsync(name));
        Assert.Null(client.Cookie("kolibri"));
    }

    [Fact]
    public async Task Guest_access_is_irrelevant_but_a_facility_without_sign_up_refuses()
    {
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("UPDATE device_devicesettings SET allow_guest_access = FALSE WHERE id = 1");
        try
        {
            using var client = await BrowserAsync();
            await client.PostAsync(Url, new { username = Seed.UniqueName("guest"), password = "pw" }).JsonAsync(HttpStatusCode.Created);
        }
        finally
        {
            await using var conn = await app.Db.OpenAsync();
            await conn.ExecuteAsync("UPDATE device_devicesettings SET allow_guest_access = TRUE WHERE id = 1");
        }

        var (facility, dataset) = await app.Seed.OwnFacilityAsync("Closed School");
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("UPDATE kolibriauth_facilitydataset SET learner_can_sign_up = FALSE WHERE id = @dataset", new { dataset });
        using var refused = await BrowserAsync();
        var name = Seed.UniqueName("closed");
        var body = await refused.PostAsync(Url, new { username = name, password = "pw", facility }).JsonAsync(HttpStatusCode.Forbidden);
        Snapshot.Match(body);
        Assert.Equal(0, await CountAsync(name));
        Assert.Null(refused.Cookie("kolibri"));
    }

    [Fact]
    public async Task Not_specified_password_only_where_learners_need_none()
    {
        using var client = await BrowserAsync();
        var name = Seed.UniqueName("nsp");
        var body = await client.PostAsync(Url, new { username = name, password = "NOT_SPECIFIED" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("PASSWORD_NOT_SPECIFIED", (string?)body[0]!["id"]);
        Assert.Equal(0, await CountAsync(name));

        var (facility, _) = await app.Seed.OwnFacilityAsync("No Password School", passwordless: true);
        var created = await client.PostAsync(Url, new { username = name, password = "NOT_SPECIFIED", facility }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("NOT_SPECIFIED", await app.Seed.ScalarAsync<string>("SELECT password FROM kolibriauth_facilityuser WHERE id = @id", new { id = (string)created["id"]! }));
        Assert.Equal(name, (string?)(await client.GetJsonAsync("/api/auth/session/current/"))["username"]);
    }

    [Fact]
    public async Task Signup_needs_a_csrf_token_even_anonymously_while_login_does_not()
    {
        using var client = app.Anonymous(sendCsrf: false);
        await client.PostAsync("/api/auth/session/", new { username = "learner", password = KolibriApp.Password, facility = Known.Facility })
            .JsonAsync(HttpStatusCode.OK);
        using var fresh = app.Anonymous(sendCsrf: false);
        await fresh.GetJsonAsync("/api/auth/session/current/");
        var name = Seed.UniqueName("csrf");
        var body = await fresh.PostAsync(Url, new { username = name, password = "pw" }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)body[0]!["id"]);
        Assert.Equal(0, await CountAsync(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("learner")]
    [InlineData("ccoach")]
    [InlineData("fcoach")]
    [InlineData("admin")]
    [InlineData("superuser")]
    [InlineData("otheradmin")]
    public async Task Anyone_may_sign_up_and_becomes_the_new_learner(string? actor)
    {
        using var client = actor is null ? await BrowserAsync() : await app.LoginAsync(actor, actor == "otheradmin" ? Known.OtherFacility : Known.Facility);
        var name = Seed.UniqueName("any");
        await client.PostAsync(Url, new { username = name, password = "pw" }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(name, (string?)(await client.GetJsonAsync("/api/auth/session/current/"))["username"]);
    }

    [Fact]
    public async Task Public_signup_needs_no_csrf_token_and_does_not_log_in()
    {
        using var client = app.Anonymous(sendCsrf: false);
        var name = Seed.UniqueName("pub");
        var body = await client.PostAsync(PublicUrl, new { username = name, password = "pw", facility = Known.OtherFacility, gender = "FEMALE" })
            .JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(body, o => o.IgnoreField("id").IgnoreField("username"));
        Assert.Null(client.Cookie("kolibri"));
        Assert.Equal(1, await CountAsync(name));
        var dup = await client.PostAsync(PublicUrl, new { username = name.ToUpperInvariant(), password = "pw", facility = Known.OtherFacility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("USERNAME_ALREADY_EXISTS", (string?)dup[0]!["id"]);
    }
}
