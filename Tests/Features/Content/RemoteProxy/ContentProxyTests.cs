using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KolibriSlices.Tests.Features.Content.RemoteProxy;

/// <summary>The baseurl proxy (content.md §5.6, §12 51) against a fake peer served on a local port.</summary>
public sealed class ContentProxyTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Node = "aaaa0000000000000000000000000001";
    private WebApplication? _peer;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _peer = builder.Build();
        _peer.MapGet("/api/public/v2/contentnode/{id}/", (string id) => id == Node
            ? Results.Text($$"""
                {"id":"{{Node}}","kind":"video","content_id":"c0","title":"remote","thumbnail":"/content/storage/a/b/ab.png",
                 "admin_imported":true,"files":[{"id":"f1","storage_url":"/content/storage/a/b/ab.mp4"},{"id":"f2","storage_url":null}]}
                """, "application/json")
            : Results.NotFound());
        _peer.MapGet("/api/public/v2/contentnode/", (HttpContext http) => Results.Text($$$"""
            {"more":{"max_results":"1","cursor":"cD0x"},"results":[{"id":"{{{Node}}}","kind":"video","content_id":"c0","thumbnail":null}],"labels":{}}
            """, "application/json"));
        _peer.MapGet("/api/public/v2/channel/", () => Results.StatusCode(500));
        await _peer.StartAsync();
        _baseUrl = _peer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_peer is not null) await _peer.DisposeAsync();
    }

    private string Url(string path, string query = "") => $"{path}?baseurl={Uri.EscapeDataString(_baseUrl)}{query}";

    [Fact]
    public async Task A_peer_node_comes_back_with_peer_urls_local_admin_imported_and_learner_needs()
    {
        var body = await app.Anonymous().GetJsonAsync(Url($"/api/content/contentnode/{Node}/"));
        Assert.Empty(body["learner_needs"]!);
        Assert.False((bool)body["admin_imported"]!);
        Assert.Equal("/content/storage/a/b/ab.png?baseurl=" + Uri.EscapeDataString(_baseUrl), (string)body["thumbnail"]!);
        Assert.Equal("/content/storage/a/b/ab.mp4?baseurl=" + Uri.EscapeDataString(_baseUrl), (string)body["files"]![0]!["storage_url"]!);
        Assert.Equal(JTokenType.Null, body["files"]![1]!["storage_url"]!.Type);
    }

    [Fact]
    public async Task A_peer_list_keeps_the_baseurl_in_more()
    {
        var body = await app.Anonymous().GetJsonAsync(Url("/api/content/contentnode/", "&max_results=1"));
        Assert.Equal(_baseUrl, (string)body["more"]!["baseurl"]!);
        Assert.Equal(JTokenType.Null, body["results"]![0]!["thumbnail"]!.Type);
    }

    [Fact]
    public async Task Peer_errors_are_404_or_410_and_a_bad_baseurl_is_404()
    {
        await app.Anonymous().GetJsonAsync(Url("/api/content/contentnode/aaaa0000000000000000000000000002/"), HttpStatusCode.NotFound);
        Assert.Equal("Unable to connect", (string)(await app.Anonymous().GetJsonAsync(Url("/api/content/channel/"), HttpStatusCode.Gone))["detail"]!);
        await app.Anonymous().GetJsonAsync("/api/content/channel/?baseurl=not%20a%20url", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Gone, (await app.Anonymous().GetAsync("/api/content/channel/?baseurl=http%3A%2F%2F127.0.0.1%3A1%2F")).StatusCode);
    }
}
