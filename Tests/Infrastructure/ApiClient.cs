using System.Net;
using System.Net.Http.Json;
using System.Text;
using Newtonsoft.Json.Linq;

namespace KolibriSlices.Tests.Infrastructure;

/// <summary>An HTTP client for the API with its cookies (session, CSRF) and short helpers that return status + JSON.</summary>
public sealed class ApiClient(HttpClient http, CookieContainer cookies) : IDisposable
{
    public HttpClient Http { get; } = http;

    public string? Cookie(string name) => cookies.GetCookies(new Uri("http://localhost/"))[name]?.Value;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);
    public Task<HttpResponseMessage> DeleteAsync(string url) => Http.DeleteAsync(url);
    public Task<HttpResponseMessage> PostAsync(string url, object? body) => Http.PostAsync(url, Json(body));
    public Task<HttpResponseMessage> PutAsync(string url, object? body) => Http.PutAsync(url, Json(body));
    public Task<HttpResponseMessage> PatchAsync(string url, object? body) => Http.PatchAsync(url, Json(body));

    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, string body, string contentType = "application/json") =>
        Http.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, contentType) });

    /// <summary>GET and parse, asserting the status.</summary>
    public async Task<JToken> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await GetAsync(url), expected);

    /// <summary>Every cursor page from <paramref name="url"/> on, following <c>more</c> (sent back as the query of <paramref name="path"/>) to the end.</summary>
    public async Task<List<JToken>> GetCursorPagesAsync(string path, string url, int atMost = 200)
    {
        var pages = new List<JToken>();
        for (string? next = url; next is not null && pages.Count < atMost;)
        {
            var page = await GetJsonAsync(next);
            pages.Add(page);
            next = page["more"] is JObject more
                ? path + "?" + string.Join("&", more.Properties().Select(p => $"{p.Name}={Uri.EscapeDataString((string)p.Value!)}"))
                : null;
        }
        return pages;
    }

    public static async Task<JToken> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? JValue.CreateNull() : Parse(body);
    }

    /// <summary>Parses JSON keeping date strings as the strings the server sent (JToken.Parse would turn them into dates).</summary>
    public static JToken Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private static HttpContent Json(object? body) =>
        body is null ? new StringContent("", Encoding.UTF8, "application/json") : JsonContent.Create(body, options: SnakeCase);

    private static readonly System.Text.Json.JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    };

    public void Dispose() => Http.Dispose();
}

public static class ResponseExtensions
{
    public static Task<JToken> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected) => ApiClient.ReadAsync(response, expected);

    public static async Task<JToken> JsonAsync(this Task<HttpResponseMessage> response, HttpStatusCode expected) =>
        await ApiClient.ReadAsync(await response, expected);
}
