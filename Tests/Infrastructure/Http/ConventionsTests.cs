namespace KolibriSlices.Tests.Infrastructure.Http;

/// <summary>The shared wire conventions, exercised through real endpoints (facility users and facilities).</summary>
public sealed class ConventionsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Users = "/api/auth/facilityuser/";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE username LIKE 'pupil%'") == 0)
            for (var i = 1; i <= 23; i++)
                await app.Seed.UserAsync($"{i:x2}".PadLeft(32, 'b'), $"pupil{i:00}", Known.Facility, fullName: $"Pupil Number {i}",
                    dateJoined: $"2024-01-{i:00}T08:00:00.000000Z");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pagination_is_off_without_page_size()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users);
        Assert.Equal(JTokenType.Array, body.Type);
        Assert.Equal(29, body.Count());
    }

    [Fact]
    public async Task Page_envelope_carries_page_count_total_pages_next_previous_and_results()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?page_size=5&page=2&search=pupil");
        Snapshot.Match(body);
        Assert.Equal("http://localhost/api/auth/facilityuser/?page_size=5&page=3&search=pupil", (string?)body["next"]);
        Assert.Equal("http://localhost/api/auth/facilityuser/?page_size=5&page=1&search=pupil", (string?)body["previous"]);
    }

    [Fact]
    public async Task First_and_last_pages_have_null_previous_and_next()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var first = await admin.GetJsonAsync(Users + "?page_size=10&search=pupil");
        Assert.Equal(JTokenType.Null, first["previous"]!.Type);
        Assert.Equal(1, (int)first["page"]!);
        var last = await admin.GetJsonAsync(Users + "?page_size=10&page=3&search=pupil");
        Assert.Equal(JTokenType.Null, last["next"]!.Type);
        Assert.Equal(3, last["results"]!.Count());
        Assert.Equal(23, (int)last["count"]!);
        Assert.Equal(3, (int)last["total_pages"]!);
    }

    [Fact]
    public async Task Empty_result_is_page_one_of_one()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?page_size=10&search=zzzznobody");
        Assert.Equal("""{"page":1,"count":0,"total_pages":1,"next":null,"previous":null,"results":[]}""", body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("2.0")]
    [InlineData("last")]
    public async Task Out_of_range_or_malformed_page_is_404(string page)
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?page_size=10&search=pupil&page=" + page, HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", (string?)body[0]!["id"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("ten")]
    public async Task Invalid_page_size_silently_turns_pagination_off(string size)
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        Assert.Equal(JTokenType.Array, (await admin.GetJsonAsync(Users + "?page_size=" + size)).Type);
    }

    [Fact]
    public async Task Page_size_is_clamped_to_the_documented_maximum()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?page_size=100000");
        Assert.Equal(29, body["results"]!.Count());
        Assert.Equal(1, (int)body["total_pages"]!);
    }

    [Fact]
    public async Task Every_list_endpoint_can_be_paged()
    {
        using var anonymous = app.Anonymous();
        var body = await anonymous.GetJsonAsync("/api/auth/facility/?page_size=1&page=2");
        Assert.Equal(2, (int)body["count"]!);
        Assert.Single(body["results"]!);
    }

    [Fact]
    public async Task Default_ordering_is_username_and_descending_works()
    {
        using var superuser = await app.LoginAsync("superuser");
        var ascending = (await superuser.GetJsonAsync(Users)).Select(u => (string)u["username"]!).ToList();
        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending);
        var descending = (await superuser.GetJsonAsync(Users + "?ordering=-username")).Select(u => (string)u["username"]!).ToList();
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);
    }

    [Fact]
    public async Task Ordering_by_date_joined_sorts_by_it()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?search=pupil&ordering=-date_joined");
        Assert.Equal("pupil23", (string?)body[0]!["username"]);
    }

    [Fact]
    public async Task Two_ordering_fields_are_a_400_with_a_bare_message_list()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?ordering=username,full_name", HttpStatusCode.BadRequest);
        Assert.Equal("""["Can only define a single ordering field"]""", body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("u.id; DROP TABLE kolibriauth_facilityuser")]
    public async Task Ordering_outside_the_whitelist_is_a_400_and_never_reaches_sql(string ordering)
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?ordering=" + Uri.EscapeDataString(ordering), HttpStatusCode.BadRequest);
        Assert.Equal("ordering", (string?)body[0]!["metadata"]!["field"]);
        Assert.True(await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser") > 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    public async Task Empty_ordering_means_the_default_order(string ordering)
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?ordering=" + ordering);
        Assert.Equal("admin", (string?)body[0]!["username"]);
    }

    [Fact]
    public async Task Search_ands_terms_and_ors_fields_case_insensitively()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?search=NUMBER%201");
        Assert.Equal(["pupil01", "pupil10", "pupil11", "pupil12", "pupil13", "pupil14", "pupil15", "pupil16", "pupil17", "pupil18", "pupil19", "pupil21"],
            body.Select(u => (string)u["username"]!));
        var both = await admin.GetJsonAsync(Users + "?search=pupil,Number%2023");
        Assert.Equal("pupil23", (string?)both.Single()["username"]);
    }

    [Fact]
    public async Task Search_treats_like_wildcards_literally()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        Assert.Empty(await admin.GetJsonAsync(Users + "?search=%25"));
        Assert.Empty(await admin.GetJsonAsync(Users + "?search=pupil_"));
    }

    [Fact]
    public async Task Bad_filter_values_are_400_in_kolibris_format()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.GetJsonAsync(Users + "?member_of=nope&user_type=wizard", HttpStatusCode.BadRequest);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Malformed_json_is_400_with_detail_and_nothing_is_created()
    {
        using var superuser = await app.LoginAsync("superuser");
        using var response = await superuser.SendRawAsync(HttpMethod.Post, "/api/auth/facility/", "{\"name\": ");
        var body = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("JSON parse error - ", (string?)body["detail"]);
        Assert.Equal(2, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE kind = 'facility'"));
    }

    [Fact]
    public async Task Wrong_types_are_400_not_500()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.PostAsync("/api/auth/facility/", new { name = new[] { 1, 2 } }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)body[0]!["id"]);
        Assert.Equal("name", (string?)body[0]!["metadata"]!["field"]);
    }

    [Fact]
    public async Task Unsupported_media_type_is_415()
    {
        using var superuser = await app.LoginAsync("superuser");
        using var response = await superuser.SendRawAsync(HttpMethod.Post, "/api/auth/facility/", "name=x", "text/plain");
        var body = await response.JsonAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Unsupported media type \"text/plain\" in request.", (string?)body["detail"]);
    }

    [Fact]
    public async Task Form_bodies_are_read_like_json()
    {
        using var superuser = await app.LoginAsync("superuser");
        using var response = await superuser.SendRawAsync(HttpMethod.Post, "/api/auth/facility/", "name=Form+School", "application/x-www-form-urlencoded");
        var body = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Form School", (string?)body["name"]);
        await superuser.DeleteAsync($"/api/auth/facility/{body["id"]}/").JsonAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Unmapped_method_is_405_with_drf_detail()
    {
        using var client = app.Anonymous();
        var body = await client.DeleteAsync("/api/auth/facility/").JsonAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("Method \"DELETE\" not allowed.", (string?)body["detail"]);
    }

    [Fact]
    public async Task Unknown_api_path_is_a_json_404()
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync("/api/auth/nothing-here/", HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", (string?)body[0]!["id"]);
    }

    [Fact]
    public async Task Missing_trailing_slash_redirects_permanently_keeping_the_query()
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/api/auth/facility?page_size=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/api/auth/facility/?page_size=1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Non_uuid_detail_id_is_404()
    {
        using var client = app.Anonymous();
        await client.GetJsonAsync("/api/auth/facility/not-a-uuid/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dashed_uuid_spelling_finds_the_row()
    {
        using var client = app.Anonymous();
        var body = await client.GetJsonAsync("/api/auth/facility/" + Guid.Parse(Known.Facility).ToString("D") + "/");
        Assert.Equal(Known.Facility, (string?)body["id"]);
    }

    [Fact]
    public async Task Logged_in_unsafe_request_without_csrf_token_is_403_permission_denied()
    {
        using var superuser = await app.LoginAsync("superuser");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/facility/") { Content = JsonContentOf(new { name = "No Token" }) };
        request.Headers.Add("X-CSRFToken", "wrongwrongwrongwrongwrongwrong12");
        using var response = await superuser.Http.SendAsync(request);
        var body = await response.JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)body[0]!["id"]);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE name = 'No Token'"));
    }

    [Fact]
    public async Task Masked_64_character_csrf_token_is_accepted()
    {
        using var superuser = await app.LoginAsync("superuser");
        var secret = superuser.Cookie("kolibri_csrftoken")!;
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var mask = new string(Enumerable.Range(0, 32).Select(i => chars[(i * 7) % chars.Length]).ToArray());
        var cipher = new string(secret.Select((c, i) => chars[(chars.IndexOf(c) + chars.IndexOf(mask[i])) % chars.Length]).ToArray());
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/auth/session/current/") { Content = JsonContentOf(new { }) };
        request.Headers.Add("X-CSRFToken", mask + cipher);
        using var response = await superuser.Http.SendAsync(request);
        Assert.Equal("superuser", (string?)(await response.JsonAsync(HttpStatusCode.OK))["username"]);
    }

    [Fact]
    public async Task Anonymous_unsafe_requests_are_not_csrf_checked()
    {
        using var client = app.Anonymous(sendCsrf: false);
        await client.PostAsync("/api/auth/session/", new { username = "learner", password = KolibriApp.Password, facility = Known.Facility })
            .JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_write_is_403_not_authenticated_and_learner_write_is_permission_denied()
    {
        using var anonymous = app.Anonymous();
        var body = await anonymous.PostAsync("/api/auth/facility/", new { name = "Nope" }).JsonAsync(HttpStatusCode.Forbidden);
        Snapshot.Match(body);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var denied = await learner.PostAsync("/api/auth/facility/", new { name = "Nope" }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)denied[0]!["id"]);
    }

    private static HttpContent JsonContentOf(object value) => System.Net.Http.Json.JsonContent.Create(value);
}
