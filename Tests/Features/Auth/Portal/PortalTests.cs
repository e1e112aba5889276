namespace KolibriSlices.Tests.Features.Auth.Portal;

public sealed class PortalTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("learner")]
    [InlineData("admin")]
    [InlineData("superuser")]
    public async Task Register_and_validate_token_answer_that_the_portal_is_offline(string? actor)
    {
        using var client = await app.ClientAsync(actor);
        var register = await client.PostAsync("/api/auth/portal/register/", new { facility_id = Known.Facility, token = "abc-def" })
            .JsonAsync(HttpStatusCode.ServiceUnavailable);
        if (actor is null) Snapshot.Match(register);
        var validate = await client.GetJsonAsync("/api/auth/portal/validate_token/?token=abc-def", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("""{"status":"offline"}""", validate.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilitydataset WHERE registered = TRUE"));
    }
}
