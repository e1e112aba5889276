using KolibriSlices.Features.Content.ImportChannel;
using KolibriSlices.Tests.Infrastructure.Content;

namespace KolibriSlices.Tests.Features.Content.Channels;

/// <summary>/api/content/channel/ and channel-thumbnail on a freshly loaded content_test.json per test (content.md §12 27-32, 41).</summary>
public sealed class ChannelsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/content/channel/";
    private const string Channel = Seed.ContentChannel;
    private const string Root = "da7ecc42e62553eebc8121242746e88a";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        await app.Seed.ResetContentAsync();
        await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task Exec(string sql, object? args = null) => app.Seed.ScalarAsync<long>(sql, args);

    [Fact]
    public async Task List_shows_the_channel_available_without_a_language()
    {
        var body = await app.Anonymous().GetJsonAsync(Url);
        Assert.Equal("testing", (string)body[0]!["name"]!);
        Assert.True((bool)body[0]!["available"]!);
        Assert.Equal(JTokenType.Null, body[0]!["lang_code"]!.Type);
        Assert.Equal(JTokenType.Null, body[0]!["lang_name"]!.Type);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Root_language_becomes_the_channel_language()
    {
        await Exec("UPDATE content_contentnode SET lang_id = '1' WHERE id = @Root", new { Root });
        var body = await app.Anonymous().GetJsonAsync(Url);
        Assert.Equal("en", (string)body[0]!["lang_code"]!);
        Assert.Equal("English-Test", (string)body[0]!["lang_name"]!);
    }

    [Fact]
    public async Task Detail_by_id_and_404_for_unknown_or_malformed()
    {
        Assert.Equal("testing", (string)(await app.Anonymous().GetJsonAsync(Url + Channel + "/"))["name"]!);
        Snapshot.Match(await app.Anonymous().GetJsonAsync(Url + "00000000000000000000000000000abc/", HttpStatusCode.NotFound));
        await app.Anonymous().GetJsonAsync(Url + "deadpool/", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public async Task Available_filter_accepts_any_case(string value) =>
        Assert.Equal(Channel, (string)(await app.Anonymous().GetJsonAsync(Url + "?available=" + value))[0]!["id"]!);

    [Fact]
    public async Task An_unavailable_root_makes_the_channel_unavailable_and_available_false_finds_it()
    {
        await Exec("UPDATE content_contentnode SET available = FALSE WHERE id = @Root", new { Root });
        Assert.False((bool)(await app.Anonymous().GetJsonAsync(Url))[0]!["available"]!);
        Assert.Equal(Channel, (string)(await app.Anonymous().GetJsonAsync(Url + "?available=false"))[0]!["id"]!);
        Assert.Empty(await app.Anonymous().GetJsonAsync(Url + "?available=true"));
        await app.Anonymous().GetJsonAsync(Url + Channel + "/?available=true", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Contains_exercise_keeps_only_channels_with_an_available_exercise()
    {
        await Exec("""
            INSERT INTO content_contentnode (id, title, content_id, channel_id, license_owner, author, kind, available, lft, rght, tree_id, level, coach_content)
            VALUES ('bbbb0000000000000000000000000001', 'lonely topic', 'bbbb0000000000000000000000000002', 'bbbb0000000000000000000000000003', '', '', 'topic', TRUE, 1, 2, 2, 0, FALSE);
            INSERT INTO content_channelmetadata (id, name, description, author, version, thumbnail, min_schema_version, root_id, "order")
            VALUES ('bbbb0000000000000000000000000003', 'topics only', '', '', 1, '', '5', 'bbbb0000000000000000000000000001', 2);
            """);
        Assert.Equal(2, (await app.Anonymous().GetJsonAsync(Url)).Count());
        var exercise = await app.Anonymous().GetJsonAsync(Url + "?contains_exercise=true");
        Assert.Equal(["testing"], exercise.Select(c => (string)c["name"]!));
        Assert.Single(await app.Anonymous().GetJsonAsync(Url + "?contains_exercise=false"));
        Assert.Empty(await app.Anonymous().GetJsonAsync(Url + "?contains_quiz=true"));
    }

    [Fact]
    public async Task Filter_options_count_authors_kinds_and_tags_of_all_nodes()
    {
        await Exec("UPDATE content_contentnode SET author = 'Ann' WHERE kind = 'video'");
        var body = await app.Anonymous().GetJsonAsync(Url + $"filter_options/?id={Channel}");
        Snapshot.Match(body);
        Assert.Equal("""{"available_authors":{},"available_kinds":{},"available_tags":{}}""",
            (await app.Anonymous().GetJsonAsync(Url + "filter_options/")).ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task Channel_thumbnail_decodes_the_data_uri_and_404s_without_one()
    {
        var png = new byte[] { 0x89, 0x50, 0x4e, 0x47, 1, 2, 3 };
        await app.Anonymous().GetJsonAsync($"/api/content/channel-thumbnail/{Channel}/", HttpStatusCode.NotFound);
        await Exec("UPDATE content_channelmetadata SET thumbnail = @t", new { t = "data:image/png;base64," + Convert.ToBase64String(png) });
        using var response = await app.Anonymous().GetAsync($"/api/content/channel-thumbnail/{Channel}/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"/api/content/channel-thumbnail/{Channel}/", (string)(await app.Anonymous().GetJsonAsync(Url))[0]!["thumbnail"]!);
        await app.Anonymous().GetJsonAsync("/api/content/channel-thumbnail/deadpool/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Etag_answers_304_until_the_content_cache_key_changes()
    {
        var client = app.Anonymous();
        using var first = await client.GetAsync("/api/content/contentnode/");
        var etag = first.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/content/contentnode/");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        await using (var conn = await app.Db.OpenAsync()) await KolibriSlices.Infrastructure.Http.ContentCache.BumpAsync(conn, app.Clock);
        using var third = new HttpRequestMessage(HttpMethod.Get, "/api/content/contentnode/");
        third.Headers.IfNoneMatch.Add(etag);
        using var after = await client.Http.SendAsync(third);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag);
        using var channel = await client.GetAsync(Url);
        Assert.Equal(after.Headers.ETag, channel.Headers.ETag);
    }

    [Fact]
    public async Task A_freshly_imported_channel_is_unavailable_and_unannotated()
    {
        await app.Seed.ResetContentAsync();
        var source = Path.Combine(app.Home, "source-" + Guid.NewGuid().ToString("N"));
        ChannelDatabaseBuilder.Build("5_content_data.json", source);
        Assert.Equal(0, await ImportChannelVerb.RunAsync(Channel, source, app.Services));
        var body = await app.Anonymous().GetJsonAsync(Url + Channel + "/");
        Assert.False((bool)body["available"]!);
        Assert.Equal(JTokenType.Null, body["total_resource_count"]!.Type);
        Assert.Equal(JTokenType.Null, body["num_coach_contents"]!.Type);
        Assert.Empty(body["included_languages"]!);
        Assert.Empty(await app.Anonymous().GetJsonAsync("/api/content/contentnode/"));
        Snapshot.Match(body, o => o.IgnoreField("last_updated").IgnoreField("last_published"));
    }

    [Fact]
    public async Task Descendants_assessments_follow_availability_changes()
    {
        const string C2 = "2e8bac07947855369fe2d77642dfc870";
        await Exec("""
            INSERT INTO content_contentnode (id, parent_id, title, content_id, channel_id, license_owner, author, kind, available, lft, rght, tree_id, level, coach_content)
            VALUES ('cccc0000000000000000000000000001', @C2, 'new exercise', 'cccc0000000000000000000000000002', @Channel, '', '', 'exercise', TRUE, 9, 10, 1, 2, FALSE);
            INSERT INTO content_assessmentmetadata (id, contentnode_id, assessment_item_ids, number_of_assessments, mastery_model, randomize, is_manipulable)
            VALUES ('cccc0000000000000000000000000003', 'cccc0000000000000000000000000001', '[]', 5, '{}', FALSE, FALSE);
            """, new { C2, Channel });
        var body = await app.Anonymous().GetJsonAsync($"/api/content/contentnode/descendants_assessments/?ids={C2}");
        Assert.Equal(6, (int)body[0]!["num_assessments"]!);
        await Exec("UPDATE content_contentnode SET available = FALSE WHERE id = '2b6926ed22025518a8b9da91745b51d3'");
        body = await app.Anonymous().GetJsonAsync($"/api/content/contentnode/descendants_assessments/?ids={C2}");
        Assert.Equal(5, (int)body[0]!["num_assessments"]!);
    }

    [Fact]
    public async Task Descendant_counts_and_recommendations_follow_availability()
    {
        await Exec("UPDATE content_contentnode SET available = FALSE");
        Assert.Empty(await app.Anonymous().GetJsonAsync($"/api/content/contentnode/descendant_counts/?ids={Root},2e8bac07947855369fe2d77642dfc870"));
        await app.Anonymous().GetJsonAsync("/api/content/contentnode/4d0c890de9b65d6880ccfa527800e0f4/recommendations_for/", HttpStatusCode.NotFound);
    }
}
