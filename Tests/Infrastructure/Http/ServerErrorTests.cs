namespace KolibriSlices.Tests.Infrastructure.Http;

/// <summary>An unexpected failure (here: a table gone from under the server) is a JSON 500 that leaks nothing.</summary>
public sealed class ServerErrorTests(KolibriApp app) : IClassFixture<KolibriApp>
{
    [Fact]
    public async Task Unhandled_exception_is_a_json_500_without_internals()
    {
        await app.StandardAsync();
        await using (var conn = await app.Db.OpenAsync())
            await conn.ExecuteAsync("DROP TABLE kolibrislices_instance");
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/api/public/info/");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("""{"detail":"A server error occurred."}""", text);
    }
}
