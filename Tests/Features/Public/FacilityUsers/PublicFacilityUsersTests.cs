using System.Net.Http.Headers;
using System.Text;

namespace KolibriSlices.Tests.Features.Public.FacilityUsers;

public sealed class PublicFacilityUsersTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/public/facilityuser/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> GetAsync(string query, string? userPart, string password = KolibriApp.Password)
    {
        using var client = app.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, Url + query);
        if (userPart is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userPart + ":" + password)));
        return await client.Http.SendAsync(request);
    }

    private static string As(string username, string facility = Known.Facility) => $"username={username}&facility={facility}";

    [Fact]
    public async Task Facility_admin_gets_every_user_of_the_facility()
    {
        var body = await (await GetAsync("?facility_id=" + Known.OtherFacility, As("otheradmin", Known.OtherFacility))).JsonAsync(HttpStatusCode.OK);
        Snapshot.Match(body);
        Assert.Equal(["otheradmin", "otherlearner"], body.Select(u => (string)u["username"]!));
    }

    [Fact]
    public async Task Superuser_gets_any_facilitys_users()
    {
        var body = await (await GetAsync("?facility_id=" + Known.OtherFacility, As("superuser"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, body.Count());
    }

    [Theory]
    [InlineData("learner")]
    [InlineData("ccoach")]
    [InlineData("fcoach")]
    public async Task Anyone_else_gets_only_themself(string username)
    {
        var body = await (await GetAsync("?facility_id=" + Known.Facility, As(username))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(username, (string?)body.Single()["username"]);
    }

    [Fact]
    public async Task Admin_of_another_facility_gets_nobody_there_and_without_facility_id_their_own_facility()
    {
        Assert.Empty(await (await GetAsync("?facility_id=" + Known.Facility, As("otheradmin", Known.OtherFacility))).JsonAsync(HttpStatusCode.OK));
        var own = await (await GetAsync("", As("admin"))).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(own, u => (string?)u["username"] == "learner2");
        Assert.Equal(["admin"], own.Single(u => (string?)u["username"] == "admin")["roles"]!.Select(r => (string)r!));
    }

    [Theory]
    [InlineData("username=learner&facility=fac00000000000000000000000000001", "wrong")]
    [InlineData("username=nobody&facility=fac00000000000000000000000000001", KolibriApp.Password)]
    [InlineData("username=learner&facility=fac00000000000000000000000000002", KolibriApp.Password)]
    [InlineData("username=learner&facility=not-a-uuid", KolibriApp.Password)]
    [InlineData("learner", KolibriApp.Password)]
    public async Task Bad_credentials_are_401_invalid_credentials(string userPart, string password)
    {
        var body = await (await GetAsync("?facility_id=" + Known.Facility, userPart, password)).JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("""{"detail":"Invalid credentials."}""", body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task No_credentials_is_401_and_a_session_does_not_count()
    {
        using var response = await GetAsync("?facility_id=" + Known.Facility, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.GetJsonAsync(Url + "?facility_id=" + Known.Facility, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Malformed_facility_id_is_400()
    {
        var body = await (await GetAsync("?facility_id=nope", As("admin"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("facility_id", (string?)body[0]!["metadata"]!["field"]);
    }
}
