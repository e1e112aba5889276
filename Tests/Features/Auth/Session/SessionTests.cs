namespace KolibriSlices.Tests.Features.Auth.Session;

public sealed class SessionTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Superuser_logs_in_without_facility_and_gets_the_session_object()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync("/api/auth/session/", new { username = "superuser", password = KolibriApp.Password })
            .JsonAsync(HttpStatusCode.OK);
        Snapshot.Match(body, o => o.IgnoreField("server_time"));
        Assert.NotNull(client.Cookie("kolibri"));
        Assert.Equal(32, client.Cookie("kolibri_csrftoken")!.Length);
    }

    [Fact]
    public async Task Login_rotates_the_session_key_and_the_csrf_token()
    {
        using var client = app.Anonymous();
        await client.PutAsync("/api/auth/session/current/", new { });
        var csrfBefore = client.Cookie("kolibri_csrftoken");
        await client.PostAsync("/api/auth/session/", new { username = "learner", password = KolibriApp.Password, facility = Known.Facility })
            .JsonAsync(HttpStatusCode.OK);
        var sessionBefore = client.Cookie("kolibri");
        Assert.NotEqual(csrfBefore, client.Cookie("kolibri_csrftoken"));
        await client.PostAsync("/api/auth/session/", new { username = "admin", password = KolibriApp.Password, facility = Known.Facility })
            .JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(sessionBefore, client.Cookie("kolibri"));
        var who = await client.PutAsync("/api/auth/session/current/", new { }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("admin", (string?)who["username"]);
    }

    [Fact]
    public async Task Wrong_password_is_401_and_keeps_the_session()
    {
        using var client = await app.LoginAsync("learner", Known.Facility);
        var key = client.Cookie("kolibri");
        var body = await client.PostAsync("/api/auth/session/", new { username = "learner", password = "nope", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("""[{"id":"INVALID_CREDENTIALS","metadata":{}}]""", body.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(key, client.Cookie("kolibri"));
        var who = await client.PutAsync("/api/auth/session/current/", new { }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("learner", (string?)who["username"]);
    }

    [Fact]
    public async Task Unknown_username_is_400_not_found()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync("/api/auth/session/", new { username = "nobody", password = "x", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Missing_facility_and_wrong_password_is_400_not_found()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync("/api/auth/session/", new { username = "learner", password = "wrong" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("NOT_FOUND", (string?)body[0]!["id"]);
    }

    [Fact]
    public async Task Empty_password_is_missing_password()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync("/api/auth/session/", new { username = "learner", password = "", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("MISSING_PASSWORD", (string?)body[0]!["id"]);
        Assert.Equal("password", (string?)body[0]!["metadata"]!["field"]);
    }

    [Fact]
    public async Task Malformed_facility_at_login_is_400_not_500()
    {
        using var client = app.Anonymous();
        var body = await client.PostAsync("/api/auth/session/", new { username = "learner", password = "x", facility = "nope" })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("facility", (string?)body[0]!["metadata"]!["field"]);
    }

    [Fact]
    public async Task A_list_as_login_body_is_400_not_500()
    {
        using var client = app.Anonymous();
        using var response = await client.SendRawAsync(HttpMethod.Post, "/api/auth/session/", "[1, 2]");
        var body = await response.JsonAsync(HttpStatusCode.BadRequest);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Anonymous_heartbeat_answers_the_anonymous_session_and_sets_csrf_and_visitor_cookies()
    {
        using var client = app.Anonymous();
        var body = await client.PutAsync("/api/auth/session/current/", new { }).JsonAsync(HttpStatusCode.OK);
        Snapshot.Match(body, o => o.IgnoreField("server_time"));
        Assert.NotNull(client.Cookie("kolibri_csrftoken"));
        Assert.Equal(32, client.Cookie("visitor_id")!.Length);
    }

    [Fact]
    public async Task Get_current_session_answers_like_put_for_published_overview_clients()
    {
        using var client = await app.LoginAsync("ccoach", Known.Facility);
        var body = await client.GetJsonAsync("/api/auth/session/current/");
        Assert.Equal("ccoach", (string?)body["username"]);
        Assert.Equal(["coach", "classroom assignable coach"], body["kind"]!.Select(k => (string)k!).Order().Reverse());
    }

    [Fact]
    public async Task Patch_on_the_session_is_405_with_a_csrf_cookie()
    {
        using var client = app.Anonymous();
        using var response = await client.PatchAsync("/api/auth/session/current/", new { });
        var body = await response.JsonAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("Method \"PATCH\" not allowed.", (string?)body["detail"]);
        Assert.NotNull(client.Cookie("kolibri_csrftoken"));
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var client = await app.LoginAsync("superuser");
        var body = await client.DeleteAsync("/api/auth/session/current/").JsonAsync(HttpStatusCode.OK);
        Assert.Equal("[]", body.ToString(Newtonsoft.Json.Formatting.None));
        var who = await client.PutAsync("/api/auth/session/current/", new { }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("anonymous", (string?)who["kind"]![0]);
    }

    [Fact]
    public async Task Session_expires_after_1200_idle_seconds_and_the_heartbeat_restarts_the_timer()
    {
        using var client = await app.LoginAsync("learner2", Known.Facility);
        app.Clock.Advance(TimeSpan.FromSeconds(1000));
        Assert.Equal("learner2", (string?)(await client.PutAsync("/api/auth/session/current/", new { }).JsonAsync(HttpStatusCode.OK))["username"]);
        app.Clock.Advance(TimeSpan.FromSeconds(1000));
        Assert.Equal("learner2", (string?)(await client.GetJsonAsync("/api/auth/session/current/"))["username"]);
        app.Clock.Advance(TimeSpan.FromSeconds(201));
        Assert.Equal("anonymous", (string?)(await client.GetJsonAsync("/api/auth/session/current/"))["kind"]![0]);
    }

    [Fact]
    public async Task A_heartbeat_moves_the_expiry_to_1200_seconds_from_now_and_one_in_the_same_second_has_nothing_to_write()
    {
        var id = await app.Seed.UserAsync(null, "heartbeat_user", Known.Facility);
        using var client = await app.LoginAsync("heartbeat_user", Known.Facility);
        Task<long> ExpiryAsync() => app.Seed.ScalarAsync<long>("SELECT expire_at FROM kolibrislices_session WHERE user_id = @id", new { id });
        var loggedIn = await ExpiryAsync();
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds() + 1200, loggedIn);

        (await client.PutAsync("/api/auth/session/current/", new { })).EnsureSuccessStatusCode();
        Assert.Equal(loggedIn, await ExpiryAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(7));
        (await client.PutAsync("/api/auth/session/current/", new { })).EnsureSuccessStatusCode();
        (await client.PutAsync("/api/auth/session/current/", new { })).EnsureSuccessStatusCode();
        Assert.Equal(loggedIn + 7, await ExpiryAsync());
    }

    [Fact]
    public async Task Shared_usernames_log_in_by_exact_spelling()
    {
        await app.Seed.UserAsync(null, "Shared_Username", Known.Facility, password: "upper");
        await app.Seed.UserAsync(null, "shared_username", Known.Facility, password: "lower");
        using var upper = await app.LoginAsync("Shared_Username", Known.Facility, "upper");
        using var lower = await app.LoginAsync("shared_username", Known.Facility, "lower");
        Assert.Equal("Shared_Username", (string?)(await upper.GetJsonAsync("/api/auth/session/current/"))["username"]);
        Assert.Equal("shared_username", (string?)(await lower.GetJsonAsync("/api/auth/session/current/"))["username"]);
    }

    [Fact]
    public async Task A_password_hash_made_by_django_verifies()
    {
        const string djangoHash = "pbkdf2_sha256$260000$UxURflbh0HOtvhHo9NEy53$jEUAa9sYZq0STKB31HHQXPFImCquid7JBgNVMsd+B1Q=";
        var id = await app.Seed.UserAsync(null, "django_user", Known.Facility);
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("UPDATE kolibriauth_facilityuser SET password = @djangoHash WHERE id = @id", new { djangoHash, id });
        using var client = await app.LoginAsync("django_user", Known.Facility, "superpass1");
        var stored = await app.Seed.ScalarAsync<string>("SELECT password FROM kolibriauth_facilityuser WHERE id = @id", new { id });
        Assert.StartsWith("pbkdf2_sha256$1000$", stored);
    }

    [Fact]
    public async Task Not_specified_password_never_verifies()
    {
        await app.Seed.UserAsync(null, "nopass", Known.Facility, password: null);
        using var client = app.Anonymous();
        var body = await client.PostAsync("/api/auth/session/", new { username = "nopass", password = "NOT_SPECIFIED", facility = Known.Facility })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("PASSWORD_NOT_SPECIFIED", (string?)body[0]!["id"]);
    }

    [Fact]
    public async Task Password_changed_by_someone_else_ends_the_users_sessions()
    {
        var id = await app.Seed.UserAsync(null, "victim", Known.Facility);
        using var client = await app.LoginAsync("victim", Known.Facility);
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("UPDATE kolibriauth_facilityuser SET password = 'pbkdf2_sha256$1$x$y' WHERE id = @id", new { id });
        Assert.Equal("anonymous", (string?)(await client.GetJsonAsync("/api/auth/session/current/"))["kind"]![0]);
    }
}
