using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Lessons.Lessons;

public sealed class LessonsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/lessons/lesson/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static string Unique(string title) => $"{title} {Ids.New()[..6]}";

    private Task<long> AssignmentCountAsync(string lesson) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM lessons_lessonassignment WHERE lesson_id = @lesson", new { lesson });

    private Task<long> AdHocCountAsync(string lesson) => app.Seed.ScalarAsync<long>("""
        SELECT COUNT(*) FROM lessons_lessonassignment a JOIN kolibriauth_collection c ON c.id = a.collection_id
        WHERE a.lesson_id = @lesson AND c.kind = 'adhoclearnersgroup'
        """, new { lesson });

    [Fact]
    public async Task Coach_creates_a_lesson_and_reads_it_back()
    {
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        var created = await coach.PostAsync(Url, new
        {
            title = "Fractions", description = "Halves and quarters", active = true, collection = Known.ClassroomA,
            resources = new[] { new { contentnode_id = "a1a1a1a1-a1a1-a1a1-a1a1-a1a1a1a1a1a1", content_id = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", channel_id = Seed.Channel, extra = 1 } },
            assignments = new[] { Known.GroupA1 }, learner_ids = new[] { Known.Learner }, created_by = Known.Admin,
        }).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(created, o => o.IgnoreField("id").IgnoreField("date_created"));
        Assert.Equal(Known.ClassCoach, (string?)created["created_by"]);
        var id = (string)created["id"]!;
        var read = await coach.GetJsonAsync(Url + id + "/");
        Assert.Equal(created.ToString(), read.ToString());
        Assert.Contains(await coach.GetJsonAsync($"{Url}?collection={Known.ClassroomA}"), l => (string?)l["id"] == id);
        Assert.Equal(2, await AssignmentCountAsync(id));
    }

    [Theory]
    [InlineData("superuser", true)]
    [InlineData("admin", true)]
    [InlineData("fcoach", true)]
    [InlineData("ccoach", true)]
    [InlineData("learner", false)]
    [InlineData("otheradmin", false)]
    [InlineData(null, false)]
    public async Task Lessons_are_visible_to_the_classrooms_coaches_only(string? username, bool visible)
    {
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, Unique("Visible"), true, [], [Known.ClassroomA]);
        using var client = username is null ? app.Anonymous() : await app.LoginAsync(username, username == "otheradmin" ? Known.OtherFacility : Known.Facility);
        var list = await client.GetJsonAsync(Url);
        Assert.Equal(visible, list.Any(l => (string?)l["id"] == lesson));
        await client.GetJsonAsync(Url + lesson + "/", visible ? HttpStatusCode.OK : HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Learners_cannot_write_lessons_and_admins_can()
    {
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, Unique("Guarded"), true, [], [Known.ClassroomA]);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var refused = await learner.DeleteAsync(Url + lesson + "/").JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)refused[0]!["id"]);
        await learner.PostAsync(Url, new { title = Unique("Mine"), collection = Known.ClassroomA, assignments = Array.Empty<string>() }).JsonAsync(HttpStatusCode.Forbidden);
        await learner.PutAsync(Url + lesson + "/", new { title = "Taken over", collection = Known.ClassroomA }).JsonAsync(HttpStatusCode.Forbidden);
        using var anonymous = app.Anonymous();
        var anonymousRefused = await anonymous.PostAsync(Url, new { title = Unique("Anon"), collection = Known.ClassroomA }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("NOT_AUTHENTICATED", (string?)anonymousRefused[0]!["id"]);
        using var other = await app.LoginAsync("otheradmin", Known.OtherFacility);
        await other.PatchAsync(Url + lesson + "/", new { active = false }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.True(await app.Seed.ScalarAsync<bool>("SELECT is_active FROM lessons_lesson WHERE id = @lesson", new { lesson }));

        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PostAsync(Url, new { title = Unique("Admin's"), active = true, collection = Known.ClassroomA, assignments = Array.Empty<string>() })
            .JsonAsync(HttpStatusCode.Created);
        await admin.DeleteAsync(Url + lesson + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM lessons_lesson WHERE id = @lesson", new { lesson }));
        Assert.Equal(0, await AssignmentCountAsync(lesson));
        await admin.DeleteAsync(Url + lesson + "/").JsonAsync(HttpStatusCode.NotFound);
        await admin.DeleteAsync(Url + "zzz/").JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_assignments_replace_the_collections()
    {
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, Unique("Assigned"), true, [], [Known.ClassroomA]);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        async Task PutAsync(string[] assignments) =>
            await admin.PutAsync(Url + lesson + "/", new { title = "Assigned " + lesson[..6], collection = Known.ClassroomA, assignments }).JsonAsync(HttpStatusCode.OK);
        await PutAsync([]);
        Assert.Equal(0, await AssignmentCountAsync(lesson));
        await PutAsync([Known.GroupA1]);
        Assert.Equal(Known.GroupA1, await app.Seed.ScalarAsync<string>("SELECT collection_id FROM lessons_lessonassignment WHERE lesson_id = @lesson", new { lesson }));
        await PutAsync([Known.GroupA1, Known.ClassroomA]);
        Assert.Equal(2, await AssignmentCountAsync(lesson));
    }

    [Fact]
    public async Task Learner_ids_go_into_one_ad_hoc_group_of_members_only()
    {
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, Unique("Adhoc"), true, [], []);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var refused = await admin.PatchAsync(Url + lesson + "/", new { learner_ids = new[] { Known.Learner2 } }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("non_field_errors", (string?)refused[0]!["metadata"]!["field"]);
        Assert.Equal(0, await AdHocCountAsync(lesson));

        var body = await admin.PatchAsync(Url + lesson + "/", new { learner_ids = new[] { Known.Learner, Known.Learner } }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { Known.Learner }, body["learner_ids"]!.Select(t => (string)t!));
        Assert.Empty(body["assignments"]!);
        Assert.Equal(1, await AdHocCountAsync(lesson));
        Assert.Equal(1, await AssignmentCountAsync(lesson));

        await admin.PatchAsync(Url + lesson + "/", new { learner_ids = Array.Empty<string>() }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, await AdHocCountAsync(lesson));

        var created = await admin.PostAsync(Url, new { title = Unique("Individual"), collection = Known.ClassroomA, learner_ids = new[] { Known.Learner } })
            .JsonAsync(HttpStatusCode.Created);
        var read = await admin.GetJsonAsync(Url + created["id"] + "/");
        Assert.Equal(new[] { Known.Learner }, read["learner_ids"]!.Select(t => (string)t!));
    }

    [Fact]
    public async Task Titles_are_unique_per_classroom_ignoring_case()
    {
        var title = Unique("title");
        var first = await app.Seed.LessonAsync(Known.ClassroomA, title, false, [], []);
        var second = await app.Seed.LessonAsync(Known.ClassroomA, Unique("other"), false, [], []);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var before = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM lessons_lesson");
        var body = await admin.PostAsync(Url, new { title = title.ToUpperInvariant(), collection = Known.ClassroomA }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UNIQUE", (string?)body[0]!["id"]);
        Assert.Equal(before, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM lessons_lesson"));
        await admin.PatchAsync(Url + first + "/", new { title }).JsonAsync(HttpStatusCode.OK);
        var clash = await admin.PatchAsync(Url + second + "/", new { title }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UNIQUE", (string?)clash[0]!["id"]);
        await admin.PostAsync(Url, new { title, collection = Known.ClassroomB }).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Patch_active_and_size()
    {
        var node = Ids.New();
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, Unique("Sized"), true, [(node, Ids.New())], []);
        await app.Seed.NodeAsync(node, Ids.New(), "video", "Sized video");
        await app.Seed.ScalarAsync<long>("""
            INSERT INTO content_localfile (id, available, file_size, extension) VALUES (@lf, TRUE, 1234, 'mp4');
            INSERT INTO content_file (id, supplementary, thumbnail, priority, contentnode_id, local_file_id, preset) VALUES (@f1, FALSE, FALSE, 1, @node, @lf, 'high_res_video');
            INSERT INTO content_file (id, supplementary, thumbnail, priority, contentnode_id, local_file_id, preset) VALUES (@f2, FALSE, FALSE, 2, @node, @lf, 'low_res_video');
            """, new { lf = Ids.New(), f1 = Ids.New(), f2 = Ids.New(), node });
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PatchAsync(Url + lesson + "/", new { active = false }).JsonAsync(HttpStatusCode.OK);
        Assert.False(await app.Seed.ScalarAsync<bool>("SELECT is_active FROM lessons_lesson WHERE id = @lesson", new { lesson }));
        var sizes = await admin.GetJsonAsync($"{Url}size/?collection={Known.ClassroomA}");
        Assert.Equal(1234, (long)sizes.Single(s => s[lesson] is not null)[lesson]!);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"collection": "c1a55000000000000000000000000001"}""", "title" },
        { """{"title": "No class"}""", "collection" },
        { """{"title": "Ghost class", "collection": "c1a55000000000000000000000000999"}""", "collection" },
        { """{"title": "This title is far too long to be the title of a lesson, really", "collection": "c1a55000000000000000000000000001"}""", "title" },
        { """{"title": "Bad resource", "collection": "c1a55000000000000000000000000001", "resources": [{"contentnode_id": "x"}]}""", "resources" },
        { """{"title": "Ghost group", "collection": "c1a55000000000000000000000000001", "assignments": ["9a000000000000000000000000000999"]}""", "assignments" },
        { """{"title": "Ghost learner", "collection": "c1a55000000000000000000000000001", "learner_ids": ["00000000000000000000000000000999"]}""", "learner_ids" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_lesson_bodies_are_400_and_create_nothing(string json, string field)
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var before = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM lessons_lesson");
        var body = await admin.SendRawAsync(HttpMethod.Post, Url, json).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(field, (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(before, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM lessons_lesson"));
    }

    [Fact]
    public async Task List_shape_is_newest_first()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Listed room");
        await app.Seed.LessonAsync(classroom, "Older", false, [], [], id: "1e550000000000000000000000000002", createdAt: "2025-01-01T00:00:00.000000Z");
        await app.Seed.LessonAsync(classroom, "Newer", true, [("a0000000000000000000000000000003", "c0000000000000000000000000000003")], [classroom],
            id: "1e550000000000000000000000000003", createdAt: "2025-02-01T00:00:00.000000Z");
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var list = await admin.GetJsonAsync($"{Url}?collection={classroom}");
        Snapshot.Match(list, o => o.IgnoreField("[*].collection").IgnoreField("[*].classroom.id").IgnoreField("[*].assignments"));
        Snapshot.Match(await admin.GetJsonAsync($"{Url}size/?collection={classroom}"), SnapshotNameExtension.Create("size"));
    }
}
