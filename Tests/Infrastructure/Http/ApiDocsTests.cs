namespace KolibriSlices.Tests.Infrastructure.Http;

public sealed class ApiDocsTests(KolibriApp app) : IClassFixture<KolibriApp>
{
    [Fact]
    public async Task The_generated_openapi_document_describes_the_routes()
    {
        using var client = app.Anonymous();
        var doc = await client.GetJsonAsync("/openapi/v1.json");
        var paths = (JObject)doc["paths"]!;
        Assert.Contains("/api/auth/facility/", paths.Properties().Select(p => p.Name));
        Assert.Contains("/api/auth/session/{id}/", paths.Properties().Select(p => p.Name));
        Assert.NotNull(doc["paths"]!["/api/auth/facilityuser/"]!["get"]);
    }
}
