using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Learn;

public sealed class LearnTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A classroom of its own with one learner (also in a group), so each test sees only its own assignments.</summary>
    private async Task<(string Classroom, string Group, string Learner, ApiClient Client)> RoomAsync()
    {
        var classroom = Ids.New();
        var group = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Room " + classroom[..6]);
        await app.Seed.CollectionAsync(group, classroom, "Group " + group[..6], "learnergroup");
        var learner = await app.Seed.LearnerAsync("pupil_" + classroom[..8], classroom, group);
        return (classroom, group, learner, await app.LoginAsync("pupil_" + classroom[..8], Known.Facility));
    }

    [Fact]
    public async Task Learner_classroom_shows_active_assigned_lessons_and_open_or_started_quizzes()
    {
        var (classroom, group, learner, client) = await RoomAsync();
        using (client)
        {
            var node = Ids.New();
            var content = Ids.New();
            await app.Seed.NodeAsync(node, content, "video", "Lesson video");
            await app.Seed.SummaryLogAsync(learner, content, 0.5);
            await app.Seed.LessonAsync(classroom, "Active lesson", true, [(node, content), (Ids.New(), Ids.New())], [classroom, group]);
            await app.Seed.LessonAsync(classroom, "Inactive lesson", false, [], [classroom]);
            await app.Seed.LessonAsync(Known.ClassroomB, "Other class lesson", true, [], [Known.ClassroomB]);
            await app.Seed.ExamAsync(classroom, "Open quiz", true, [classroom]);
            var closed = await app.Seed.ExamAsync(classroom, "Closed quiz", false, [classroom]);

            var rooms = await client.GetJsonAsync("/learn/api/learnerclassroom/");
            Assert.Single(rooms);
            Assert.Single(rooms[0]!["assignments"]!["lessons"]!);
            Assert.Single(rooms[0]!["assignments"]!["exams"]!);
            Snapshot.Match(rooms, o => o.IgnoreField("[*].id").IgnoreField("[*].name").IgnoreField("[*].assignments.lessons[*].id")
                .IgnoreField("[*].assignments.lessons[*].collection").IgnoreField("[*].assignments.lessons[*].resources")
                .IgnoreField("[*].assignments.exams[*].id").IgnoreField("[*].assignments.exams[*].collection"));
            var lesson = rooms[0]!["assignments"]!["lessons"]![0]!;
            Assert.Equal(0.5, (double)lesson["progress"]!["resource_progress"]!);
            Assert.True((bool)lesson["missing_resource"]!);
            Assert.Equal(node, (string?)lesson["resources"]![0]!["contentnode"]!["id"]);

            var summary = await app.Seed.SummaryLogAsync(learner, closed, 0, "quiz");
            await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, -4, false, """{"type": "quiz", "coach_assigned": true}"""), 2);
            var again = await client.GetJsonAsync($"/learn/api/learnerclassroom/{classroom}/");
            Assert.Equal(2, again["assignments"]!["exams"]!.Count());
            var started = again["assignments"]!["exams"]!.Single(e => (string?)e["id"] == closed);
            Assert.Equal(2, (int)started["progress"]!["answer_count"]!);
            await client.GetJsonAsync($"/learn/api/learnerclassroom/{Known.ClassroomB}/", HttpStatusCode.NotFound);
        }
        using var anonymous = app.Anonymous();
        await anonymous.GetJsonAsync("/learn/api/learnerclassroom/", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Learner_lesson_is_found_only_when_active_and_assigned()
    {
        var (classroom, group, _, client) = await RoomAsync();
        using (client)
        {
            var twice = await app.Seed.LessonAsync(classroom, "Twice", true, [], [classroom, group]);
            var inactive = await app.Seed.LessonAsync(classroom, "Off", false, [], [classroom]);
            var unassigned = await app.Seed.LessonAsync(classroom, "Nobody's", true, [], []);
            var body = await client.GetJsonAsync($"/learn/api/learnerlesson/{twice}/");
            Assert.Equal(classroom, (string?)body["classroom"]!["id"]);
            Assert.Single(await client.GetJsonAsync("/learn/api/learnerlesson/"));
            await client.GetJsonAsync($"/learn/api/learnerlesson/{inactive}/", HttpStatusCode.NotFound);
            await client.GetJsonAsync($"/learn/api/learnerlesson/{unassigned}/", HttpStatusCode.NotFound);
        }
        using var anonymous = app.Anonymous();
        await anonymous.GetJsonAsync("/learn/api/learnerlesson/", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task State_tells_whether_the_caller_is_in_a_class()
    {
        using var learner = await app.LoginAsync("learner", Known.Facility);
        Snapshot.Match(await learner.GetJsonAsync("/learn/api/state"));
        Assert.True((bool)(await learner.GetJsonAsync("/learn/api/state/"))["in_classes"]!);
        using var admin = await app.LoginAsync("admin", Known.Facility);
        Assert.False((bool)(await admin.GetJsonAsync("/learn/api/state"))["in_classes"]!);
        using var anonymous = app.Anonymous();
        var guest = await anonymous.GetJsonAsync("/learn/api/state");
        Assert.False((bool)guest["in_classes"]!);
        Assert.True((bool)guest["can_download_externally"]!);
    }

    [Fact]
    public async Task Home_hydrate_offers_resumable_resources_when_no_lesson_is_in_progress()
    {
        var (_, _, learner, client) = await RoomAsync();
        using (client)
        {
            var content = Ids.New();
            await app.Seed.NodeAsync(Ids.New(), content, "video", "Resumable");
            await app.Seed.SummaryLogAsync(learner, content, 0.4);
            var body = await client.GetJsonAsync("/learn/api/homehydrate");
            Assert.Single(body["classrooms"]!);
            Assert.Equal(content, (string?)body["resumable_resources"]![0]!["content_id"]);
            Assert.Equal(0.4, (double)body["resumable_resources_progress"]![0]!["progress"]!, 6);
        }
        using var anonymous = app.Anonymous();
        var guest = await anonymous.GetJsonAsync("/learn/api/homehydrate/");
        Assert.Empty(guest["classrooms"]!);
        Assert.Empty(guest["resumable_resources"]!);
    }

    [Fact]
    public async Task Learner_lesson_and_home_shapes()
    {
        var (classroom, _, learner, client) = await RoomAsync();
        using (client)
        {
            var node = "5e000000000000000000000000000007";
            await app.Seed.NodeAsync(node, "c0000000000000000000000000000007", "video", "Shape video");
            var lesson = await app.Seed.LessonAsync(classroom, "Shape lesson", true, [(node, "c0000000000000000000000000000007")], [classroom],
                id: "1e550000000000000000000000000007");
            await app.Seed.SummaryLogAsync(learner, "c0000000000000000000000000000007", 0.25);
            Snapshot.Match(await client.GetJsonAsync($"/learn/api/learnerlesson/{lesson}/"), o => o.IgnoreField("collection").IgnoreField("classroom.id")
                .IgnoreField("classroom.name"));
            Snapshot.Match(await client.GetJsonAsync("/learn/api/homehydrate"), SnapshotNameExtension.Create("home"),
                o => o.IgnoreField("classrooms[*].id").IgnoreField("classrooms[*].name").IgnoreField("classrooms[*].assignments.lessons[*].collection"));
        }
    }
}
