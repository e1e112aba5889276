using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.RemoteProxy;

/// <summary>
/// The <c>baseurl</c> parameter of channel, contentnode and contentnode_tree list/detail (content.md §5.6): the request
/// goes to the peer's <c>/api/public/v2/</c> twin and its answer comes back with file URLs pointing at the peer,
/// <c>admin_imported</c> taken from this device, <c>learner_needs</c> filled in and <c>more</c> keeping the baseurl.
/// An unreachable peer is a 410 (Kolibri would 500).
/// </summary>
public static partial class ContentProxy
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(20) };
    private static readonly string[] RelayedHeaders = ["Cache-Control", "ETag", "Expires", "Date", "Last-Modified"];

    [GeneratedRegex(@"^/api/content/(channel|contentnode|contentnode_tree)/([0-9A-Fa-f-]{32,36}/)?$")]
    private static partial Regex ProxiedPath();

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var baseUrl = http.Request.Query["baseurl"].LastOrDefault();
        var path = http.Request.Path.Value ?? "";
        if (string.IsNullOrEmpty(baseUrl) || !ProxiedPath().IsMatch(path)) return await next(context);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var peer) || peer.Scheme is not ("http" or "https"))
            return KolibriErrors.NotFound(http);

        var query = string.Join("&", http.Request.Query.Where(q => q.Key != "baseurl")
            .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? ""))));
        var target = new Uri(peer, peer.AbsolutePath.TrimEnd('/') + "/api/public/v2/" + path["/api/content/".Length..] + (query.Length > 0 ? "?" + query : ""));
        HttpResponseMessage response;
        try
        {
            response = await Client.GetAsync(target, http.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            return KolibriErrors.Detail(410, "Unable to connect");
        }
        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return KolibriErrors.NotFound(http);
            if (!response.IsSuccessStatusCode) return KolibriErrors.Detail(410, "Unable to connect");
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(await response.Content.ReadAsStringAsync(http.RequestAborted));
            }
            catch (System.Text.Json.JsonException)
            {
                return KolibriErrors.Detail(410, "Unable to connect");
            }
            foreach (var header in RelayedHeaders)
                if (response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values))
                    http.Response.Headers[header] = values.ToArray();

            var nodes = new List<JsonObject>();
            Collect(body, nodes, baseUrl);
            var db = http.RequestServices.GetRequiredService<Db>();
            var ids = nodes.Select(n => (string?)n["id"]).OfType<string>().Distinct().ToArray();
            var adminImported = new HashSet<string>();
            if (ids.Length > 0)
            {
                await using var conn = await db.OpenAsync(http.RequestAborted);
                foreach (var chunk in ids.Chunk(1000))
                    adminImported.UnionWith(await conn.QueryAsync<string>(
                        "SELECT id FROM content_contentnode WHERE id IN @ids AND admin_imported = TRUE", new { ids = chunk }));
            }
            foreach (var node in nodes.Where(n => n.ContainsKey("content_id")))
            {
                node["admin_imported"] = adminImported.Contains((string?)node["id"] ?? "");
                if (!node.ContainsKey("learner_needs")) node["learner_needs"] = new JsonArray();
            }
            return Results.Text(body?.ToJsonString() ?? "null", "application/json", statusCode: (int)response.StatusCode);
        }
    }

    /// <summary>Walks the peer's answer: node-like objects are collected, URLs and <c>more</c> get the baseurl.</summary>
    private static void Collect(JsonNode? node, List<JsonObject> nodes, string baseUrl)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) Collect(item, nodes, baseUrl);
                break;
            case JsonObject obj:
                if (obj.ContainsKey("id") && obj.ContainsKey("kind")) nodes.Add(obj);
                foreach (var field in new[] { "thumbnail", "storage_url" })
                    if (obj[field] is JsonValue value && value.TryGetValue<string>(out var url) && url.Length > 0)
                        obj[field] = url + (url.Contains('?') ? "&" : "?") + "baseurl=" + Uri.EscapeDataString(baseUrl);
                if (obj["more"] is JsonObject more)
                {
                    if (more["params"] is JsonObject parameters) parameters["baseurl"] = baseUrl;
                    else more["baseurl"] = baseUrl;
                }
                foreach (var (key, child) in obj.ToList())
                    if (key != "more") Collect(child, nodes, baseUrl);
                break;
        }
    }
}
