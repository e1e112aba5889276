using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Coach;

public sealed class CoachTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Track = "/api/logger/trackprogress/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ApiClient> LoginAsync(string? username) =>
        username is null ? Task.FromResult(app.Anonymous()) : app.LoginAsync(username, username == "otheradmin" ? Known.OtherFacility : Known.Facility);

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("learner", HttpStatusCode.Forbidden)]
    [InlineData("otheradmin", HttpStatusCode.Forbidden)]
    [InlineData("ccoach", HttpStatusCode.OK)]
    [InlineData("fcoach", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("superuser", HttpStatusCode.OK)]
    public async Task Class_summary_is_for_the_classrooms_coaches(string? username, HttpStatusCode expected)
    {
        using var client = await LoginAsync(username);
        await client.GetJsonAsync($"/coach/api/classsummary/{Known.ClassroomA}/", expected);
        await client.GetJsonAsync($"/coach/api/notifications/?classroom_id={Known.ClassroomA}", expected);
    }

    [Fact]
    public async Task Other_class_coach_and_unknown_classroom_are_refused()
    {
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        await coach.GetJsonAsync($"/coach/api/classsummary/{Known.ClassroomB}/", HttpStatusCode.Forbidden);
        await coach.GetJsonAsync($"/coach/api/classsummary/{Ids.New()}/", HttpStatusCode.Forbidden);
        await coach.GetJsonAsync($"/coach/api/notifications/?classroom_id={Known.ClassroomB}", HttpStatusCode.Forbidden);
        var missing = await coach.GetJsonAsync("/coach/api/notifications/", HttpStatusCode.PreconditionFailed);
        Assert.Contains("classroom_id", (string?)missing["detail"]);
    }

    [Fact]
    public async Task Class_summary_keeps_unknown_lesson_nodes_and_flags_them_missing()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Summary room");
        await app.Seed.CollectionAsync(Ids.New(), classroom, "Summary group", "learnergroup");
        var learner = await app.Seed.LearnerAsync("summary_" + classroom[..6], classroom);
        await app.Seed.RoleAsync(Known.ClassCoach, classroom, "coach");
        var known = "5e000000000000000000000000000001";
        var content = "c0c00000000000000000000000000001";
        await app.Seed.NodeAsync(known, content, "video", "Known video");
        await app.Seed.SummaryLogAsync(learner, content, 1, timeSpent: 30);
        var random = "bad00000000000000000000000000001";
        await app.Seed.LessonAsync(classroom, "Summary lesson", true, [(known, content), (random, "c0c00000000000000000000000000002")], [classroom], id: "1e550000000000000000000000000001");
        await app.Seed.ExamAsync(classroom, "Summary quiz", true, [classroom], [(known, "a0000000000000000000000000000009")], id: "e7a00000000000000000000000000001");

        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        var body = await coach.GetJsonAsync($"/coach/api/classsummary/{classroom}/");
        var lesson = body["lessons"]![0]!;
        Assert.Contains(random, lesson["node_ids"]!.Select(t => (string)t!));
        Assert.True((bool)lesson["missing_resource"]!);
        Assert.Equal("Completed", (string?)body["content_learner_status"]![0]!["status"]);
        Snapshot.Match(body, o => o.IgnoreField("id").IgnoreField("learners[*].id").IgnoreField("learners[*].username").IgnoreField("learners[*].name")
            .IgnoreField("groups[*].id").IgnoreField("lessons[*].collection")
            .IgnoreField("lessons[*].classroom.id").IgnoreField("exams[*].collection").IgnoreField("exams[*].assignments").IgnoreField("lessons[*].assignments")
            .IgnoreField("content_learner_status[*].learner_id"));
    }

    [Fact]
    public async Task Lesson_report_counts_assigned_learners_who_finished()
    {
        var node = Ids.New();
        var content = Ids.New();
        var learner = await app.Seed.LearnerAsync("report_" + node[..6], Known.ClassroomA);
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Report room");
        var only = await app.Seed.LearnerAsync("reportee_" + node[..6], classroom);
        var lesson = await app.Seed.LessonAsync(classroom, "Report lesson", true, [(node, content)], [classroom]);
        await app.Seed.RoleAsync(Known.ClassCoach, classroom, "coach");

        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        var none = await coach.GetJsonAsync($"/coach/api/lessonreport/{lesson}/");
        Snapshot.Match(none, o => o.IgnoreField("id").IgnoreField("progress[0].contentnode_id"));
        Assert.Equal(1, (int)none["total_learners"]!);
        var summary = await app.Seed.SummaryLogAsync(only, content, 0.5);
        Assert.Equal(0, (int)(await coach.GetJsonAsync($"/coach/api/lessonreport/{lesson}/"))["progress"]![0]!["num_learners_completed"]!);
        await app.Seed.ScalarAsync<long>("UPDATE logger_contentsummarylog SET progress = 1 WHERE id = @summary", new { summary });
        Assert.Equal(1, (int)(await coach.GetJsonAsync($"/coach/api/lessonreport/{lesson}/"))["progress"]![0]!["num_learners_completed"]!);
        await app.Seed.SummaryLogAsync(learner, content, 1);
        Assert.Equal(1, (int)(await coach.GetJsonAsync($"/coach/api/lessonreport/{lesson}/"))["progress"]![0]!["num_learners_completed"]!);

        await coach.GetJsonAsync("/coach/api/lessonreport/", HttpStatusCode.Forbidden);
        await coach.GetJsonAsync($"/coach/api/lessonreport/{Ids.New()}/", HttpStatusCode.NotFound);
        using var fcoach = await app.LoginAsync("fcoach", Known.Facility);
        Assert.Contains(await fcoach.GetJsonAsync("/coach/api/lessonreport/"), l => (string?)l["id"] == lesson);
        using var learnerClient = await app.LoginAsync("learner", Known.Facility);
        await learnerClient.GetJsonAsync("/coach/api/lessonreport/", HttpStatusCode.Forbidden);
        await learnerClient.GetJsonAsync($"/coach/api/lessonreport/{lesson}/", HttpStatusCode.Forbidden);
        using var anonymous = app.Anonymous();
        await anonymous.GetJsonAsync("/coach/api/lessonreport/", HttpStatusCode.Forbidden);
        var other = await app.Seed.LessonAsync(Known.ClassroomB, "Not yours", true, [], []);
        await coach.GetJsonAsync($"/coach/api/lessonreport/{other}/", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Exercise_difficulties_count_completed_attempts()
    {
        var content = Ids.New();
        var learner = await app.Seed.LearnerAsync("difficult_" + content[..6], Known.ClassroomA);
        var summary = await app.Seed.SummaryLogAsync(learner, content, 0.2, "exercise");
        await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, 1, false), 1, correct: 0, itemPrefix: "test");
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        await coach.GetJsonAsync($"/coach/api/exercisedifficulties/{content}/", HttpStatusCode.PreconditionFailed);
        var body = await coach.GetJsonAsync($"/coach/api/exercisedifficulties/{content}/?classroom_id={Known.ClassroomA}");
        Assert.Equal("""[{"item":"test0","total":1,"correct":0}]""", body.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Empty(await coach.GetJsonAsync($"/coach/api/exercisedifficulties/{content}/?classroom_id={Known.ClassroomA}&group_id={Known.GroupA2}"));
        using var learnerClient = await app.LoginAsync("learner", Known.Facility);
        await learnerClient.GetJsonAsync($"/coach/api/exercisedifficulties/{content}/?classroom_id={Known.ClassroomA}", HttpStatusCode.Forbidden);
        Assert.Empty(await coach.GetJsonAsync($"/coach/api/practicequizdifficulties/{content}/?classroom_id={Known.ClassroomA}"));
    }

    [Fact]
    public async Task A_quiz_through_its_whole_life()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Quiz life room");
        await app.Seed.RoleAsync(Known.ClassCoach, classroom, "coach");
        var learnerId = await app.Seed.LearnerAsync("quizzer_" + classroom[..6], classroom);
        var exercise = Ids.New();
        await app.Seed.NodeAsync(exercise, Ids.New(), "exercise", "Quiz exercise");
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        using var learner = await app.LoginAsync("quizzer_" + classroom[..6], Known.Facility);

        var draft = await coach.PostAsync("/api/exams/exam/", new
        {
            title = "Life quiz", collection = classroom, assignments = new[] { classroom }, learner_ids = Array.Empty<string>(),
            question_sources = new[] { new { section_title = "", questions = new[] { new { exercise_id = exercise, question_id = "a0000000000000000000000000000001", counter_in_exercise = 1, title = "" } } } },
        }).JsonAsync(HttpStatusCode.Created);
        Assert.Empty((await learner.GetJsonAsync($"/learn/api/learnerclassroom/{classroom}/"))["assignments"]!["exams"]!);

        var quiz = (string)(await coach.PatchAsync($"/api/exams/exam/{draft["id"]}/", new { draft = false, active = true }).JsonAsync(HttpStatusCode.OK))["id"]!;
        var card = (await learner.GetJsonAsync($"/learn/api/learnerclassroom/{classroom}/"))["assignments"]!["exams"]!.Single();
        Assert.Equal(quiz, (string?)card["id"]);
        Assert.False((bool)card["progress"]!["started"]!);

        var start = await learner.PostAsync(Track, new { quiz_id = quiz }).JsonAsync(HttpStatusCode.OK);
        var session = Track + start["session_id"] + "/";
        await learner.PutAsync(session, new
        {
            interactions = new[] { new { item = $"{exercise}:a0000000000000000000000000000001", correct = 1, complete = true, time_spent = 4, answer = new { answer = 1 }, replace = true } },
        }).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(await coach.GetJsonAsync($"/coach/api/quizdifficulties/{quiz}/"));
        await learner.PutAsync(session, new { progress = 1 }).JsonAsync(HttpStatusCode.OK);

        var difficulties = await coach.GetJsonAsync($"/coach/api/quizdifficulties/{quiz}/");
        Assert.Equal(1, (int)difficulties.Single()["total"]!);
        var summary = await coach.GetJsonAsync($"/coach/api/classsummary/{classroom}/");
        var status = summary["exam_learner_status"]!.Single();
        Assert.Equal("Completed", (string?)status["status"]);
        Assert.Equal(learnerId, (string?)status["learner_id"]);
        Assert.Equal(1, (int)status["num_correct"]!);
        var closed = (await learner.GetJsonAsync($"/learn/api/learnerclassroom/{classroom}/"))["assignments"]!["exams"]!.Single();
        Assert.True((bool)closed["progress"]!["closed"]!);
        Assert.Equal(1, (int)closed["progress"]!["score"]!);
    }

    [Fact]
    public async Task A_lesson_through_its_whole_life()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Lesson life room");
        await app.Seed.RoleAsync(Known.ClassCoach, classroom, "coach");
        await app.Seed.LearnerAsync("lessoner_" + classroom[..6], classroom);
        string node = Ids.New(), content = Ids.New();
        await app.Seed.NodeAsync(node, content, "video", "Lesson life video");
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        using var learner = await app.LoginAsync("lessoner_" + classroom[..6], Known.Facility);

        var lesson = (string)(await coach.PostAsync("/api/lessons/lesson/", new
        {
            title = "Life lesson", collection = classroom, active = false, assignments = new[] { classroom },
            resources = new[] { new { contentnode_id = node, content_id = content, channel_id = Seed.Channel } },
        }).JsonAsync(HttpStatusCode.Created))["id"]!;
        await learner.GetJsonAsync($"/learn/api/learnerlesson/{lesson}/", HttpStatusCode.NotFound);
        await coach.PatchAsync($"/api/lessons/lesson/{lesson}/", new { active = true }).JsonAsync(HttpStatusCode.OK);
        var card = await learner.GetJsonAsync($"/learn/api/learnerlesson/{lesson}/");
        Assert.False((bool)card["missing_resource"]!);

        var start = await learner.PostAsync(Track, new { node_id = node, content_id = content, channel_id = Seed.Channel, kind = "video", lesson_id = lesson })
            .JsonAsync(HttpStatusCode.OK);
        await learner.PutAsync(Track + start["session_id"] + "/", new { progress = 1, time_spent_delta = 20 }).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1.0, (double)(await learner.GetJsonAsync($"/learn/api/learnerlesson/{lesson}/"))["progress"]!["resource_progress"]!);
        var report = await coach.GetJsonAsync($"/coach/api/lessonreport/{lesson}/");
        Assert.Equal(1, (int)report["progress"]![0]!["num_learners_completed"]!);
        var summary = await coach.GetJsonAsync($"/coach/api/classsummary/{classroom}/");
        Assert.Equal("Completed", (string?)summary["content_learner_status"]!.Single()["status"]);
    }

    [Fact]
    public async Task Notifications_come_newest_first_within_a_day_and_record_the_polling_coach()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Notified room");
        await app.Seed.RoleAsync(Known.ClassCoach, classroom, "coach");
        await app.Seed.ScalarAsync<long>("""
            INSERT INTO notifications_learnerprogressnotification (notification_object, notification_event, user_id, classroom_id, assignment_collections, lesson_id, reason, timestamp)
            VALUES ('Resource', 'Started', @learner, @classroom, @collections, @lesson, '', '2025-05-01T10:00:00.000000Z'),
                   ('Resource', 'Completed', @learner, @classroom, @collections, @lesson, '', '2025-05-03T10:00:00.000000Z'),
                   ('Lesson', 'Completed', @learner, @classroom, @collections, @lesson, '', '2025-05-03T11:00:00.000000Z')
            """, new { learner = Known.Learner, classroom, collections = $"[\"{classroom}\"]", lesson = Ids.New() });
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        var body = await coach.GetJsonAsync($"/coach/api/notifications/?classroom_id={classroom}");
        Assert.Equal(2, body["results"]!.Count());
        Snapshot.Match(body, o => o.IgnoreField("results[*].id").IgnoreField("results[*].classroom_id").IgnoreField("results[*].lesson_id")
            .IgnoreField("results[*].assignment_collections").IgnoreField("coaches_polling"));
        var limited = await coach.GetJsonAsync($"/coach/api/notifications/?classroom_id={classroom}&after=2025-01-01T00:00:00Z&limit=2");
        Assert.True((bool)limited["more_results"]!);
        Assert.True(await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM notifications_notificationslog WHERE coach_id = @coach", new { coach = Known.ClassCoach }) > 0);
    }

    [Fact]
    public async Task Difficulty_shapes()
    {
        var quiz = await app.Seed.ExamAsync(Known.ClassroomA, "Difficult quiz", false, [Known.ClassroomA], id: "e7a00000000000000000000000000003");
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, quiz, 1, "quiz");
        await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, -9, true, """{"type": "quiz", "coach_assigned": true}"""), 2, correct: 1, itemPrefix: "e:q");
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        Snapshot.Match(await coach.GetJsonAsync($"/coach/api/quizdifficulties/{quiz}/"));
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.GetJsonAsync($"/coach/api/quizdifficulties/{quiz}/", HttpStatusCode.Forbidden);
        await coach.GetJsonAsync($"/coach/api/quizdifficulties/{Ids.New()}/", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Class_summary_status_shows_help_needed_until_a_later_completion()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Help room");
        var learner = await app.Seed.LearnerAsync("helpless_" + classroom[..6], classroom);
        string node = Ids.New(), content = Ids.New();
        await app.Seed.NodeAsync(node, content, "exercise", "Hard exercise");
        var lesson = await app.Seed.LessonAsync(classroom, "Help lesson", true, [(node, content)], [classroom]);
        var summary = await app.Seed.SummaryLogAsync(learner, content, 0.5, "exercise");
        await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, 1, false), 1, correct: 0);
        async Task<string?> StatusAsync()
        {
            using var admin = await app.LoginAsync("admin", Known.Facility);
            return (string?)(await admin.GetJsonAsync($"/coach/api/classsummary/{classroom}/"))["content_learner_status"]!.Single()["status"];
        }
        Assert.Equal("Started", await StatusAsync());
        async Task NotifyAsync(string evt, string at) => await app.Seed.ScalarAsync<long>("""
            INSERT INTO notifications_learnerprogressnotification (notification_object, notification_event, user_id, classroom_id, assignment_collections, contentnode_id, lesson_id, reason, timestamp)
            VALUES ('Resource', @evt, @learner, @classroom, '[]', @node, @lesson, '', @at)
            """, new { evt, learner, classroom, node, lesson, at });
        await NotifyAsync("HelpNeeded", "2025-05-01T10:00:00.000000Z");
        Assert.Equal("HelpNeeded", await StatusAsync());
        await NotifyAsync("Completed", "2025-05-02T10:00:00.000000Z");
        Assert.Equal("Started", await StatusAsync());
    }
}
