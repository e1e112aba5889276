namespace KolibriSlices.Tests.Features.Content.ContentNodes;

/// <summary>/api/content/contentnode/ on Kolibri's API fixture (content_test.json), read-only: content.md §12 1-23, 26.</summary>
public sealed class ContentNodesTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/content/contentnode/";
    private const string Root = "da7ecc42e62553eebc8121242746e88a";
    private const string C1 = "32a941fb77c2576e8f6b294cde4c3b0c";
    private const string C2 = "2e8bac07947855369fe2d77642dfc870";
    private const string C2C1 = "2b6926ed22025518a8b9da91745b51d3";
    private const string C2C2 = "4d0c890de9b65d6880ccfa527800e0f4";
    private const string C3 = "c391bfeec8a458f89f013cf1ca9cf33b";

    public async Task InitializeAsync()
    {
        await app.StandardAsync();
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode") == 0) await app.Seed.ContentTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string[] Titles(JToken list) => list.Select(n => (string)n["title"]!).ToArray();

    [Fact]
    public async Task Anonymous_list_is_every_available_node_as_a_bare_array()
    {
        var body = await app.Anonymous().GetJsonAsync(Url);
        Assert.Equal(JTokenType.Array, body.Type);
        Assert.Equal(9, body.Count());
        Assert.DoesNotContain("c3", Titles(body));
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Include_coach_content_false_drops_coach_content()
    {
        Assert.Equal(7, (await app.Anonymous().GetJsonAsync(Url + "?include_coach_content=false")).Count());
        Assert.Equal(7, (await app.Anonymous().GetJsonAsync(Url + "?include_coach_content=FALSE")).Count());
        Assert.Equal(9, (await app.Anonymous().GetJsonAsync(Url + "?include_coach_content=maybe")).Count());
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("learner")]
    [InlineData("superuser")]
    public async Task Logged_in_users_see_the_same_nodes(string user)
    {
        using var client = await app.LoginAsync(user, user == "superuser" ? null : Known.Facility);
        Assert.Equal(9, (await client.GetJsonAsync(Url + "?include_coach_content=true")).Count());
    }

    [Fact]
    public async Task Parent_filter_lists_children_in_tree_order()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + $"?parent={C2}&include_coach_content=false");
        Assert.Equal(["c2c1", "c2c2", "c2c3"], Titles(body));
    }

    [Fact]
    public async Task Ids_filter_returns_those_nodes_in_tree_order()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + "?ids=4d0c890de9b65d6880ccfa527800e0f4,b391bfeec8a458f89f013cf1ca9cf33a");
        Assert.Equal(["c2c2", "c2c3"], Titles(body));
    }

    [Fact]
    public async Task Content_id_filter_matches_exactly_and_a_bad_one_is_400()
    {
        Assert.Equal(["c2c2"], Titles(await app.Anonymous().GetJsonAsync(Url + "?content_id=481e1bda1faa445d801ceb2afbd2f42f")));
        var error = await app.Anonymous().GetJsonAsync(Url + "?content_id=this is not a uuid", HttpStatusCode.BadRequest);
        Snapshot.Match(error);
    }

    [Theory]
    [InlineData("ids=nope")]
    [InlineData("parent=nope")]
    [InlineData("channel_id=nope")]
    [InlineData("tree_id=x")]
    [InlineData("lft__gt=x")]
    [InlineData("rght__lt=x")]
    [InlineData("kind=bogus")]
    [InlineData("has_prerequisite=not-a-uuid")]
    [InlineData("related=00000000000000000000000000000abc")]
    public async Task Bad_filter_values_are_400_in_kolibris_format(string query)
    {
        var error = await app.Anonymous().GetJsonAsync(Url + "?" + query, HttpStatusCode.BadRequest);
        Assert.Equal(query.Split('=')[0], (string)error[0]!["metadata"]!["field"]!);
        Assert.Contains((string)error[0]!["id"]!, new[] { "INVALID", "INVALID_CHOICE" });
    }

    [Fact]
    public async Task Prerequisite_has_prerequisite_and_related_follow_the_links()
    {
        Assert.Equal("root", Titles(await app.Anonymous().GetJsonAsync(Url + $"?prerequisite_for={C1}"))[0]);
        Assert.Equal("c1", Titles(await app.Anonymous().GetJsonAsync(Url + $"?has_prerequisite={Root}"))[0]);
        Assert.Equal("c2", Titles(await app.Anonymous().GetJsonAsync(Url + $"?related={C1}"))[0]);
        Assert.Equal("c1", Titles(await app.Anonymous().GetJsonAsync(Url + $"?related={C2}"))[0]);
    }

    [Fact]
    public async Task Detail_is_the_full_node_object_with_its_tags()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + C1 + "/");
        Assert.Equal(C1, (string)body["id"]!);
        Assert.Equal(["tag_1"], body["tags"]!.Values<string>());
        Assert.Equal("/content/storage/5/4/5437c68903de934521128d7656a3b572.jpeg", (string?)body["thumbnail"]);
        Assert.True((bool)body["is_leaf"]!);
        Assert.Equal(3, body["files"]!.Count());
        Assert.Equal(
            ["id", "author", "available", "channel_id", "coach_content", "content_id", "description", "kind", "license_description", "license_name",
             "license_owner", "num_coach_contents", "options", "parent", "sort_order", "title", "lft", "rght", "tree_id", "learning_activities",
             "grade_levels", "resource_types", "accessibility_labels", "learner_needs", "categories", "duration", "ancestors", "admin_imported",
             "assessmentmetadata", "tags", "files", "thumbnail", "lang", "is_leaf"],
            ((JObject)body).Properties().Select(p => p.Name));
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Root_carries_every_tag_and_c2_its_own()
    {
        Assert.Equal(["tag_1", "tag_2", "tag_3"], (await app.Anonymous().GetJsonAsync(Url + Root + "/"))["tags"]!.Values<string>());
        Assert.Equal(["tag_2"], (await app.Anonymous().GetJsonAsync(Url + C2 + "/"))["tags"]!.Values<string>());
        Assert.Equal("[]", (await app.Anonymous().GetJsonAsync(Url + Root + "/"))["ancestors"]!.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task Exercise_detail_carries_assessment_metadata_and_its_unavailable_file()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + C2C1 + "/");
        Assert.Equal("""{"assessment_item_ids":["test"],"number_of_assessments":1,"mastery_model":{},"randomize":false,"is_manipulable":false,"contentnode":"2b6926ed22025518a8b9da91745b51d3"}""",
            body["assessmentmetadata"]!.ToString(Newtonsoft.Json.Formatting.None));
        var file = body["files"]!.Single(f => (string)f["checksum"]! == "e00699f859624e0f875ac6fe1e13d648");
        Assert.Equal(JTokenType.Null, file["storage_url"]!.Type);
        Assert.False((bool)file["available"]!);
        Assert.Equal("3", (string)file["lang"]!["id"]!);
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Unavailable_node_is_404_unless_availability_filtering_is_off()
    {
        Snapshot.Match(await app.Anonymous().GetJsonAsync(Url + C3 + "/", HttpStatusCode.NotFound));
        await app.Anonymous().GetJsonAsync(Url + C3 + "/?no_available_filtering=true");
        await app.Anonymous().GetJsonAsync(Url + C3 + "/?no_available_filtering=false");
        await app.Anonymous().GetJsonAsync(Url + "not-a-node/", HttpStatusCode.NotFound);
        await app.Anonymous().GetJsonAsync(Url + C1 + "/?kind=exercise", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Kind_content_is_every_resource_and_kind_in_lists_kinds()
    {
        Assert.Equal(["c1", "copy", "c2c1", "c2c2", "c2c3"], Titles(await app.Anonymous().GetJsonAsync(Url + "?kind=content")));
        Assert.Equal(3, (await app.Anonymous().GetJsonAsync(Url + "?kind_in=video,audio")).Count());
        Assert.Equal(["c2c1"], Titles(await app.Anonymous().GetJsonAsync(Url + "?kind=exercise")));
    }

    [Fact]
    public async Task Other_filters_narrow_as_documented()
    {
        var anonymous = app.Anonymous();
        Assert.Equal(["root"], Titles(await anonymous.GetJsonAsync(Url + "?parent__isnull=true")));
        Assert.Equal(8, (await anonymous.GetJsonAsync(Url + "?parent__isnull=false")).Count());
        Assert.Equal(9, (await anonymous.GetJsonAsync(Url + $"?channel_id={Seed.ContentChannel}")).Count());
        Assert.Equal(9, (await anonymous.GetJsonAsync(Url + $"?channels={Seed.ContentChannel},00000000000000000000000000000001")).Count());
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?languages=en"));
        Assert.Equal(7, (await anonymous.GetJsonAsync(Url + "?exclude_content_ids=c6f49ea527824f398f4d5d26faf19396")).Count());
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?exclude_content_ids=c6f49ea527824f398f4d5d26faf19396,nope"));
        Assert.Equal(["c1", "c2"], Titles(await anonymous.GetJsonAsync(Url + "?tags=tag_1,tag_2&lft__gt=1")));
        Assert.Equal(["c2c1", "c2c2", "c2c3", "c3c1", "copy"], Titles(await anonymous.GetJsonAsync(Url + $"?descendant_of={C2}")));
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?descendant_of=nope"));
        Assert.Equal(9, (await anonymous.GetJsonAsync(Url + "?tree_id=1")).Count());
        Assert.Equal(["c1", "copy"], Titles(await anonymous.GetJsonAsync(Url + "?rght__lt=4")));
        Assert.Equal(9, (await anonymous.GetJsonAsync(Url + "?authors=")).Count());
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?authors=Nobody"));
        Assert.Equal(["c2c2", "c2c3", "c3c1"], Titles(await anonymous.GetJsonAsync(Url + "?keywords=BALBLA5")));
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?keywords=balbla5 copy"));
        Assert.Equal(9, (await anonymous.GetJsonAsync(Url + "?keywords=,;:")).Count());
        Assert.Equal(["c2c2", "c2c3", "c3c1"], Titles(await anonymous.GetJsonAsync(Url + "?keywords=%00BALBLA5%00")));
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?keywords=balbla5%00copy"));
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?authors=Nobody%00"));
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?tags=tag_1%00&languages=%00en"));
        Assert.Equal(["c1", "c2"], Titles(await anonymous.GetJsonAsync(Url + "?tags=tag_1,tag_2&lft__gt=1")));
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?contains_quiz=true"));
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?categories__isnull=false"));
        Assert.Equal(9, (await anonymous.GetJsonAsync(Url + "?learning_activities=unknownlabel")).Count());
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?learning_activities=UD5UGM0z"));
        Assert.Empty(await anonymous.GetJsonAsync(Url + "?resource_types=J45AL9Nb"));
        Assert.Equal(9, (await anonymous.GetJsonAsync(Url + "?unknown_param=1")).Count());
    }

    [Fact]
    public async Task Max_results_pages_by_cursor_with_more_and_labels()
    {
        var first = await app.Anonymous().GetJsonAsync(Url + $"?parent={C2}&max_results=2");
        Assert.Equal(["c2c1", "c2c2"], Titles(first["results"]!));
        Assert.Equal($$"""{"parent":"{{C2}}","max_results":"2","cursor":"cD03"}""", first["more"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal($$"""[{"id":"{{Seed.ContentChannel}}","name":"testing"}]""", first["labels"]!["channels"]!.ToString(Newtonsoft.Json.Formatting.None));
        Snapshot.Match(first);

        var second = await app.Anonymous().GetJsonAsync(Url + $"?parent={C2}&max_results=2&cursor=cD03");
        Assert.Equal(["c2c3"], Titles(second["results"]!));
        Assert.Equal(JTokenType.Null, second["more"]!.Type);
    }

    [Fact]
    public async Task Cursor_pages_walk_the_whole_list_even_through_shared_lft_values()
    {
        var seen = new List<string>();
        var url = Url + "?max_results=2";
        for (var i = 0; i < 10; i++)
        {
            var page = await app.Anonymous().GetJsonAsync(url);
            seen.AddRange(page["results"]!.Select(n => (string)n["id"]!));
            if (page["more"]!.Type == JTokenType.Null) break;
            url = Url + "?" + string.Join("&", ((JObject)page["more"]!).Properties().Select(p => $"{p.Name}={Uri.EscapeDataString((string)p.Value!)}"));
        }
        Assert.Equal(9, seen.Distinct().Count());
        Assert.Equal(9, seen.Count);
    }

    [Fact]
    public async Task Max_results_zero_or_text_is_unpaginated_and_a_bad_cursor_is_404()
    {
        Assert.Equal(JTokenType.Array, (await app.Anonymous().GetJsonAsync(Url + "?max_results=0")).Type);
        Assert.Equal(JTokenType.Array, (await app.Anonymous().GetJsonAsync(Url + "?max_results=abc")).Type);
        await app.Anonymous().GetJsonAsync(Url + "?max_results=2&cursor=%%%", HttpStatusCode.NotFound);
        await app.Anonymous().GetJsonAsync(Url + "?max_results=2&cursor=" + Convert.ToBase64String("o=abc"u8.ToArray()), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Descendants_assessments_sum_exercise_assessments_up_the_tree()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + $"descendants_assessments/?ids={C2C1},{C2},{Root}");
        Assert.All(body, entry => Assert.Equal(1, (int)entry["num_assessments"]!));
        Assert.Equal(3, body.Count());
        Assert.Empty(await app.Anonymous().GetJsonAsync(Url + "descendants_assessments/"));
    }

    [Fact]
    public async Task Descendant_counts_need_a_filter_and_give_on_device_resources()
    {
        Assert.Empty(await app.Anonymous().GetJsonAsync(Url + "descendant_counts/"));
        var body = await app.Anonymous().GetJsonAsync(Url + $"descendant_counts/?ids={Root},{C2}");
        Snapshot.Match(body);
    }

    [Fact]
    public async Task Recommendations_for_are_the_available_resource_siblings()
    {
        var body = await app.Anonymous().GetJsonAsync(Url + C2C2 + "/recommendations_for/");
        Assert.Equal(["c2c1", "c2c3"], Titles(body));
        await app.Anonymous().GetJsonAsync(Url + C3 + "/recommendations_for/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Random_gives_up_to_max_results_matching_nodes()
    {
        Assert.Equal(3, (await app.Anonymous().GetJsonAsync(Url + "random/?max_results=3")).Count());
        Assert.Equal(5, (await app.Anonymous().GetJsonAsync(Url + "random/?kind=content")).Count());
    }

    [Fact]
    public async Task Writes_are_405()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var response = await admin.PostAsync(Url, new { title = "x" });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("{\"detail\":\"Method \\\"POST\\\" not allowed.\"}", await response.Content.ReadAsStringAsync());
    }
}
