using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Logger.Logs;

public sealed class LogsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The learner's previous quiz try: 3 of 3 in 60 minutes; the latest: 0 of 3 in 30 minutes.</summary>
    private async Task<string> TwoQuizTriesAsync()
    {
        var content = Ids.New();
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, content, 1, "exercise");
        var older = await app.Seed.MasteryLogAsync(summary, -20, true, """{"type": "quiz"}""", 3600, "2025-03-01T10:00:00.000000Z");
        var newer = await app.Seed.MasteryLogAsync(summary, -10, true, """{"type": "quiz"}""", 1800, "2025-03-02T10:00:00.000000Z");
        await app.Seed.AttemptsAsync(older, 3, correct: 1, startBase: "2025-03-01T09:00:00");
        await app.Seed.AttemptsAsync(newer, 3, correct: 0, startBase: "2025-03-02T09:00:00");
        return content;
    }

    [Fact]
    public async Task Masterylog_needs_content_and_user()
    {
        using var client = await app.LoginAsync("admin", Known.Facility);
        var body = await client.GetJsonAsync("/api/logger/masterylog/", HttpStatusCode.PreconditionFailed);
        Assert.Equal("The following parameters were missing and are required: content, user", (string?)body["detail"]);
        await client.GetJsonAsync($"/api/logger/masterylog/?content={Ids.New()}", HttpStatusCode.PreconditionFailed);
        var badUser = await client.GetJsonAsync($"/api/logger/masterylog/?content={Ids.New()}&user={Ids.New()}", HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_CHOICE", (string?)badUser[0]!["id"]);
        var badContent = await client.GetJsonAsync($"/api/logger/masterylog/?content=zz&user={Known.Learner}", HttpStatusCode.BadRequest);
        Assert.Equal("INVALID", (string?)badContent[0]!["id"]);
    }

    [Fact]
    public async Task Masterylog_diff_compares_the_latest_try_with_the_previous_one()
    {
        var content = await TwoQuizTriesAsync();
        using var client = await app.LoginAsync("learner", Known.Facility);
        var url = $"/api/logger/masterylog/0/diff/?content={content}&user={Known.Learner}&quiz=true&complete=true";
        var latest = await client.GetJsonAsync(url);
        Snapshot.Match(latest, o => o.IgnoreField("id").IgnoreField("attemptlogs[*].id").IgnoreField("attemptlogs[*].masterylog")
            .IgnoreField("attemptlogs[*].sessionlog"));
        Assert.Equal(-3, (int)latest["diff"]!["correct"]!);
        Assert.Equal(-1800, (double)latest["diff"]!["time_spent"]!);
        Assert.All(latest["attemptlogs"]!, a => Assert.Equal(-1, (double)a["diff"]!["correct"]!));

        var previous = await client.GetJsonAsync(url.Replace("/0/", "/1/"));
        Assert.Equal(JTokenType.Null, previous["diff"]!.Type);
        Assert.All(previous["attemptlogs"]!, a => Assert.Equal(JTokenType.Null, a["diff"]!["correct"]!.Type));
        Assert.Equal("No mastery log found", (string?)await client.GetJsonAsync(url.Replace("/0/", "/2/"), HttpStatusCode.NotFound));
        Assert.Equal("Parameter must be an integer", (string?)await client.GetJsonAsync(url.Replace("/0/", "/x/"), HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("learner", 2)]
    [InlineData("ccoach", 2)]
    [InlineData("fcoach", 2)]
    [InlineData("admin", 2)]
    [InlineData("superuser", 2)]
    [InlineData("learner2", 0)]
    [InlineData("otheradmin", 0)]
    [InlineData(null, 0)]
    public async Task Masterylogs_are_readable_by_the_owner_and_their_coaches(string? username, int expected)
    {
        var content = await TwoQuizTriesAsync();
        using var client = username is null ? app.Anonymous() : await app.LoginAsync(username, username == "otheradmin" ? Known.OtherFacility : Known.Facility);
        var body = await client.GetJsonAsync($"/api/logger/masterylog/?content={content}&user={Known.Learner}");
        Assert.Equal(expected, body.Count());
        var attempts = await client.GetJsonAsync($"/api/logger/attemptlog/?content={content}");
        Assert.Equal(expected * 3, attempts.Count());
    }

    [Fact]
    public async Task Masterylog_list_is_newest_first_and_pages_on_request()
    {
        var content = await TwoQuizTriesAsync();
        using var client = await app.LoginAsync("learner", Known.Facility);
        var list = await client.GetJsonAsync($"/api/logger/masterylog/?content={content}&user={Known.Learner}");
        Snapshot.Match(list, o => o.IgnoreField("[*].id"));
        var page = await client.GetJsonAsync($"/api/logger/masterylog/?content={content}&user={Known.Learner}&page_size=1&page=2");
        Assert.Equal(2, (int)page["count"]!);
        Assert.Equal(3600.0, (double)page["results"]![0]!["time_spent"]!);
        var id = (string)list[0]!["id"]!;
        var one = await client.GetJsonAsync($"/api/logger/masterylog/{id}/?content={content}&user={Known.Learner}");
        Assert.Equal(id, (string?)one["id"]);
        await client.GetJsonAsync($"/api/logger/masterylog/{Ids.New()}/?content={content}&user={Known.Learner}", HttpStatusCode.NotFound);
        var quizzesOnly = await client.GetJsonAsync($"/api/logger/masterylog/?content={content}&user={Known.Learner}&quiz=false");
        Assert.Empty(quizzesOnly);
    }

    [Fact]
    public async Task Attemptlog_detail_has_every_field()
    {
        var content = Ids.New();
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, content, 0.5, "exercise");
        var mastery = await app.Seed.MasteryLogAsync(summary, 1, false);
        var ids = await app.Seed.AttemptsAsync(mastery, 2, startBase: "2025-04-01T09:00:00");
        using var client = await app.LoginAsync("ccoach", Known.Facility);
        var one = await client.GetJsonAsync($"/api/logger/attemptlog/{ids[0]}/");
        Snapshot.Match(one, o => o.IgnoreField("id").IgnoreField("masterylog").IgnoreField("sessionlog"));
        var filtered = await client.GetJsonAsync($"/api/logger/attemptlog/?masterylog={mastery}&item=item1&mastery_level=1&classroom={Known.ClassroomA}");
        Assert.Equal(ids[1], (string?)filtered.Single()["id"]);
        Assert.Empty(await client.GetJsonAsync($"/api/logger/attemptlog/?masterylog={mastery}&learner_group={Known.GroupA2}"));
        using var other = await app.LoginAsync("learner2", Known.Facility);
        await other.GetJsonAsync($"/api/logger/attemptlog/{ids[0]}/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Userprogress_counts_finished_resources_and_complete_tries()
    {
        var learner = await app.Seed.LearnerAsync("progress_" + Ids.New()[..8], Known.ClassroomA);
        var username = await app.Seed.ScalarAsync<string>("SELECT username FROM kolibriauth_facilityuser WHERE id = @learner", new { learner });
        using var client = await app.LoginAsync(username!, Known.Facility);
        async Task<int> ProgressAsync() => (int)(await client.GetJsonAsync($"/api/logger/userprogress/{learner}/"))["progress"]!;

        var a = await app.Seed.SummaryLogAsync(learner, Ids.New(), 0);
        var b = await app.Seed.SummaryLogAsync(learner, Ids.New(), 0);
        var c = await app.Seed.SummaryLogAsync(learner, Ids.New(), 0);
        Assert.Equal(0, await ProgressAsync());
        await app.Seed.ScalarAsync<long>("UPDATE logger_contentsummarylog SET progress = 1 WHERE id = @a", new { a });
        Assert.Equal(1, await ProgressAsync());
        await app.Seed.ScalarAsync<long>("UPDATE logger_contentsummarylog SET progress = 1 WHERE id IN @ids", new { ids = new[] { b, c } });
        Assert.Equal(3, await ProgressAsync());
        foreach (var n in Enumerable.Range(1, 3)) await app.Seed.MasteryLogAsync(a, n, true);
        await app.Seed.MasteryLogAsync(a, 4, false);
        Assert.Equal(5, await ProgressAsync());

        var body = await client.GetJsonAsync($"/api/logger/userprogress/{learner}/");
        Assert.Equal(learner, (string?)body["id"]);
        await client.GetJsonAsync($"/api/logger/userprogress/{Known.Learner}/", HttpStatusCode.Forbidden);
        using var anonymous = app.Anonymous();
        await anonymous.GetJsonAsync($"/api/logger/userprogress/{learner}/", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Userprogress_of_a_single_try()
    {
        var learner = await app.Seed.LearnerAsync("try_" + Ids.New()[..8]);
        var username = await app.Seed.ScalarAsync<string>("SELECT username FROM kolibriauth_facilityuser WHERE id = @learner", new { learner });
        using var client = await app.LoginAsync(username!, Known.Facility);
        var summary = await app.Seed.SummaryLogAsync(learner, Ids.New(), 0, "exercise");
        var mastery = await app.Seed.MasteryLogAsync(summary, 1, false);
        Assert.Equal(0, (int)(await client.GetJsonAsync($"/api/logger/userprogress/{learner}/"))["progress"]!);
        await app.Seed.ScalarAsync<long>("UPDATE logger_masterylog SET complete = TRUE WHERE id = @mastery", new { mastery });
        Assert.Equal(1, (int)(await client.GetJsonAsync($"/api/logger/userprogress/{learner}/"))["progress"]!);
    }

    [Fact]
    public async Task Csv_log_requests_are_for_facility_admins()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var created = await admin.PostAsync("/api/logger/generatecsvlogrequest/", new
        {
            facility = Known.Facility, log_type = "summary", selected_start_date = "2025-01-01T00:00:00Z", selected_end_date = "2025-02-01T00:00:00Z",
            date_requested = "2025-02-02T00:00:00Z",
        }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(created);
        var list = await admin.GetJsonAsync("/api/logger/generatecsvlogrequest/?log_type=summary");
        Assert.Single(list);
        var id = await app.Seed.ScalarAsync<long>("SELECT MAX(id) FROM logger_generatecsvlogrequest");
        var patched = await admin.PatchAsync($"/api/logger/generatecsvlogrequest/{id}/", new { log_type = "session" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("session", (string?)patched["log_type"]);
        await admin.PatchAsync($"/api/logger/generatecsvlogrequest/{id}/", new { log_type = "everything" }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("session", await app.Seed.ScalarAsync<string>("SELECT log_type FROM logger_generatecsvlogrequest WHERE id = @id", new { id }));

        using var coach = await app.LoginAsync("fcoach", Known.Facility);
        Assert.Empty(await coach.GetJsonAsync("/api/logger/generatecsvlogrequest/"));
        await coach.PostAsync("/api/logger/generatecsvlogrequest/", new { facility = Known.Facility, log_type = "session" }).JsonAsync(HttpStatusCode.Forbidden);
        await coach.DeleteAsync($"/api/logger/generatecsvlogrequest/{id}/").JsonAsync(HttpStatusCode.Forbidden);
        using var other = await app.LoginAsync("otheradmin", Known.OtherFacility);
        Assert.Empty(await other.GetJsonAsync("/api/logger/generatecsvlogrequest/"));
        using var anonymous = app.Anonymous();
        await anonymous.PostAsync("/api/logger/generatecsvlogrequest/", new { facility = Known.Facility, log_type = "session" }).JsonAsync(HttpStatusCode.Forbidden);
        await admin.PostAsync("/api/logger/generatecsvlogrequest/", new { facility = Known.Facility }).JsonAsync(HttpStatusCode.BadRequest);

        await admin.DeleteAsync($"/api/logger/generatecsvlogrequest/{id}/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM logger_generatecsvlogrequest WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task Response_shapes_of_userprogress_attemptlog_list_and_csv_list()
    {
        var learner = await app.Seed.LearnerAsync("shape_" + Ids.New()[..8]);
        var username = await app.Seed.ScalarAsync<string>("SELECT username FROM kolibriauth_facilityuser WHERE id = @learner", new { learner });
        using var client = await app.LoginAsync(username!, Known.Facility);
        var summary = await app.Seed.SummaryLogAsync(learner, Ids.New(), 1, "exercise");
        await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, 1, true), 2, startBase: "2025-06-01T09:00:00");
        Snapshot.Match(await client.GetJsonAsync($"/api/logger/userprogress/{learner}/"), o => o.IgnoreField("id"));
        Snapshot.Match(await client.GetJsonAsync($"/api/logger/attemptlog/?user={learner}&page_size=1"), SnapshotNameExtension.Create("attemptlog"),
            o => o.IgnoreField("results[*].id").IgnoreField("results[*].masterylog").IgnoreField("results[*].sessionlog").IgnoreField("results[*].user")
                .IgnoreField("next"));
        using var admin = await app.LoginAsync("admin", Known.Facility);
        Snapshot.Match(await admin.GetJsonAsync("/api/logger/generatecsvlogrequest/?facility=" + Known.OtherFacility), SnapshotNameExtension.Create("csv"));
    }
}
