using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Logger.TrackProgress;

public sealed class TrackProgressTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/logger/trackprogress/";
    private static readonly object MofN8 = new { type = "m_of_n", m = 8, n = 10 };

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ApiClient> GuestAsync()
    {
        var client = app.Anonymous();
        (await client.PutAsync("/api/auth/session/current/", new { })).EnsureSuccessStatusCode();
        return client;
    }

    private static object Video(string content, string? lessonId = null) =>
        new { node_id = Ids.New(), content_id = content, channel_id = Seed.Channel, kind = "video", lesson_id = lessonId };

    private static object Exercise(string content, object? model = null, bool repeat = false) =>
        new { node_id = Ids.New(), content_id = content, channel_id = Seed.Channel, kind = "exercise", mastery_model = model ?? MofN8, repeat };

    private Task<long> CountAsync(string table, string where, object args) =>
        app.Seed.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {where}", args);

    private Task<double> SummaryProgressAsync(string user, string content) =>
        app.Seed.ScalarAsync<double>("SELECT progress FROM logger_contentsummarylog WHERE user_id = @user AND content_id = @content", new { user, content });

    [Fact]
    public async Task Guest_starts_a_video_session_with_no_summary_log()
    {
        using var client = await GuestAsync();
        var content = Ids.New();
        var body = await client.PostAsync(Url, Video(content)).JsonAsync(HttpStatusCode.OK);
        Snapshot.Match(body, o => o.IgnoreField("session_id").IgnoreField("context.node_id"));
        var sessionId = (string)body["session_id"]!;
        Assert.Equal(1, await CountAsync("logger_contentsessionlog", "content_id = @content AND user_id IS NULL", new { content }));
        Assert.Equal(0, await CountAsync("logger_contentsummarylog", "content_id = @content", new { content }));
        var visitor = await app.Seed.ScalarAsync<string?>("SELECT visitor_id FROM logger_contentsessionlog WHERE id = @sessionId", new { sessionId });
        Assert.Equal(client.Cookie("visitor_id"), visitor);
    }

    [Fact]
    public async Task Learner_starts_a_video_session_with_one_summary_log()
    {
        using var client = await app.LoginAsync("learner", Known.Facility);
        var content = Ids.New();
        var body = await client.PostAsync(Url, Video(content)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0.0, (double)body["progress"]!);
        Assert.Equal(1, await CountAsync("logger_contentsessionlog", "content_id = @content AND user_id = @user", new { content, user = Known.Learner }));
        Assert.Equal(1, await CountAsync("logger_contentsummarylog", "content_id = @content AND channel_id = @channel", new { content, channel = Seed.Channel }));
    }

    [Fact]
    public async Task Lesson_context_is_echoed_for_a_member_and_refused_for_a_guest()
    {
        var content = Ids.New();
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, "Lesson ctx " + content[..6], true, [(Ids.New(), content)], [Known.ClassroomA]);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        var body = await learner.PostAsync(Url, Video(content, lesson)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(lesson, (string?)body["context"]!["lesson_id"]);

        using var guest = await GuestAsync();
        await guest.PostAsync(Url, Video(content, lesson)).JsonAsync(HttpStatusCode.Forbidden);

        using var other = await app.LoginAsync("learner2", Known.Facility);
        var refused = await other.PostAsync(Url, Video(content, lesson)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid lesson_id", (string?)refused[0]);
    }

    [Fact]
    public async Task Exercise_start_returns_the_criterion_and_makes_one_try()
    {
        using var client = await app.LoginAsync("learner", Known.Facility);
        var content = Ids.New();
        var body = await client.PostAsync(Url, Exercise(content)).JsonAsync(HttpStatusCode.OK);
        Snapshot.Match(body, o => o.IgnoreField("session_id").IgnoreField("context.node_id"));
        Assert.Equal(1, await CountAsync("logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id", "s.content_id = @content", new { content }));
    }

    [Fact]
    public async Task Coach_quiz_needs_a_login_an_assignment_and_an_active_quiz()
    {
        var quiz = await app.Seed.ExamAsync(Known.ClassroomA, "TP quiz " + Ids.New()[..6], true, [Known.ClassroomA]);
        var unassigned = await app.Seed.ExamAsync(Known.ClassroomA, "TP unassigned " + Ids.New()[..6], true, []);
        using var guest = await GuestAsync();
        await guest.PostAsync(Url, new { quiz_id = quiz }).JsonAsync(HttpStatusCode.Forbidden);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.PostAsync(Url, new { quiz_id = unassigned }).JsonAsync(HttpStatusCode.Forbidden);

        var body = await learner.PostAsync(Url, new { quiz_id = quiz }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("""{"type":"quiz","coach_assigned":true}""", body["mastery_criterion"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.True((int)body["context"]!["mastery_level"]! < 0);
        Assert.Equal(quiz, (string?)body["context"]!["quiz_id"]);
        Assert.Equal(1, await CountAsync("logger_contentsessionlog", "content_id = @quiz AND kind = 'quiz' AND channel_id IS NULL", new { quiz }));
        Assert.Equal(1, await CountAsync("logger_contentsummarylog", "content_id = @quiz AND kind = 'quiz' AND channel_id IS NULL", new { quiz }));

        await app.Seed.ScalarAsync<long>("UPDATE exams_exam SET active = FALSE WHERE id = @quiz", new { quiz });
        await learner.PostAsync(Url, new { quiz_id = quiz }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountAsync("notifications_learnerprogressnotification", "quiz_id = @quiz AND notification_event = 'Completed'", new { quiz }));
    }

    [Fact]
    public async Task Practice_quiz_try_has_a_negative_level()
    {
        using var client = await app.LoginAsync("learner", Known.Facility);
        var content = Ids.New();
        var body = await client.PostAsync(Url, Exercise(content, new { type = "quiz" })).JsonAsync(HttpStatusCode.OK);
        Assert.True((int)body["context"]!["mastery_level"]! < 0);
        Assert.Equal(1, await CountAsync("logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id",
            "s.content_id = @content AND m.mastery_level < 0", new { content }));
    }

    public static TheoryData<string, string> BadStarts => new()
    {
        { """{"node_id": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "content_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "kind": "video"}""", "channel_id" },
        { """{"node_id": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "channel_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "kind": "video"}""", "content_id" },
        { """{"node_id": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "content_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "channel_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "kind": "video", "mastery_model": {"type": "do_all"}}""", "mastery_model" },
        { """{"node_id": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "content_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "channel_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "kind": "exercise"}""", "mastery_model" },
        { """{"node_id": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "content_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "channel_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"}""", "kind" },
        { """{"node_id": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "quiz_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"}""", "non_field_errors" },
        { """{}""", "non_field_errors" },
        { """{"node_id": "zzz", "content_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"}""", "node_id" },
        { """{"node_id": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "content_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "channel_id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "kind": "nope"}""", "kind" },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task Bad_start_is_400_on_the_field_and_writes_nothing(string json, string field)
    {
        using var client = await app.LoginAsync("learner", Known.Facility);
        var before = await CountAsync("logger_contentsessionlog", "1 = 1", new { });
        var body = await client.SendRawAsync(HttpMethod.Post, Url, json).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(field, (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(before, await CountAsync("logger_contentsessionlog", "1 = 1", new { }));
    }

    [Fact]
    public async Task Unknown_mastery_type_is_a_nested_400()
    {
        using var client = await app.LoginAsync("learner", Known.Facility);
        var body = await client.PostAsync(Url, Exercise(Ids.New(), new { type = "sometimes" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(body["mastery_model"]!["type"]);
        var noN = await client.PostAsync(Url, Exercise(Ids.New(), new { type = "m_of_n", m = 3 })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(noN["mastery_model"]!["n"]);
    }

    [Fact]
    public async Task Resuming_after_a_channel_move_keeps_one_summary_log_with_the_new_channel()
    {
        using var client = await app.LoginAsync("learner", Known.Facility);
        var content = Ids.New();
        var first = await client.PostAsync(Url, Video(content)).JsonAsync(HttpStatusCode.OK);
        await client.PutAsync(Url + first["session_id"] + "/", new { progress = 0.4, time_spent_delta = 12, extra_fields = new { position = 3 } })
            .JsonAsync(HttpStatusCode.OK);
        var moved = Ids.New();
        var second = await client.PostAsync(Url, new { node_id = Ids.New(), content_id = content, channel_id = moved, kind = "video" })
            .JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual((string?)first["session_id"], (string?)second["session_id"]);
        Assert.Equal(0.4, (double)second["progress"]!);
        Assert.Equal(12.0, (double)second["time_spent"]!);
        Assert.Equal(3, (int)second["extra_fields"]!["position"]!);
        Assert.Equal(moved, await app.Seed.ScalarAsync<string>("SELECT channel_id FROM logger_contentsummarylog WHERE content_id = @content", new { content }));
        Assert.Equal(1, await CountAsync("logger_contentsummarylog", "content_id = @content", new { content }));
    }

    [Fact]
    public async Task Resuming_an_exercise_answers_with_the_try_and_its_stored_criterion()
    {
        var content = Ids.New();
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, content, 0.5, "exercise", timeSpent: 17);
        await app.Seed.MasteryLogAsync(summary, 1, complete: false, timeSpent: 7);
        using var client = await app.LoginAsync("learner", Known.Facility);
        var body = await client.PostAsync(Url, Exercise(content, new { type = "m_of_n", m = 9, n = 10 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(7.0, (double)body["time_spent"]!);
        Assert.Equal(1, (int)body["context"]!["mastery_level"]!);
        Assert.False((bool)body["complete"]!);
        Assert.Equal(8, (int)body["mastery_criterion"]!["m"]!);
        Assert.Contains("\"m\": 8", await app.Seed.ScalarAsync<string>("SELECT mastery_criterion FROM logger_masterylog WHERE summarylog_id = @summary", new { summary }));
    }

    [Fact]
    public async Task Complete_try_is_reused_without_repeat_and_a_new_one_starts_with_repeat()
    {
        var content = Ids.New();
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, content, 1, "exercise");
        await app.Seed.MasteryLogAsync(summary, 1, complete: true);
        using var client = await app.LoginAsync("learner", Known.Facility);
        var again = await client.PostAsync(Url, Exercise(content)).JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)again["complete"]!);
        Assert.Equal(1, await CountAsync("logger_masterylog", "summarylog_id = @summary", new { summary }));

        var repeat = await client.PostAsync(Url, Exercise(content, repeat: true)).JsonAsync(HttpStatusCode.OK);
        Assert.False((bool)repeat["complete"]!);
        Assert.Equal(2, (int)repeat["context"]!["mastery_level"]!);
        Assert.Empty(repeat["pastattempts"]!);
        Assert.Equal(0.0, (double)repeat["progress"]!);
        Assert.Equal(2, await CountAsync("logger_masterylog", "summarylog_id = @summary", new { summary }));
    }

    [Fact]
    public async Task Incomplete_newer_try_wins_over_a_complete_one()
    {
        var content = Ids.New();
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, content, 0.2, "exercise");
        await app.Seed.MasteryLogAsync(summary, 1, complete: true);
        await app.Seed.MasteryLogAsync(summary, 2, complete: false);
        using var client = await app.LoginAsync("learner", Known.Facility);
        var body = await client.PostAsync(Url, Exercise(content)).JsonAsync(HttpStatusCode.OK);
        Assert.False((bool)body["complete"]!);
        Assert.Equal(2, (int)body["context"]!["mastery_level"]!);
        Assert.Equal(2, await CountAsync("logger_masterylog", "summarylog_id = @summary", new { summary }));
    }

    [Theory]
    [InlineData("""{"type": "m_of_n", "m": 8, "n": 10}""", 10)]
    [InlineData("""{"type": "whatever"}""", 10)]
    [InlineData("""{"type": "num_correct_in_a_row_2"}""", 2)]
    [InlineData("""{"type": "quiz"}""", 15)]
    public async Task Past_attempts_are_cut_to_the_criterion_window(string criterion, int expected)
    {
        var content = Ids.New();
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, content, 0.2, "exercise");
        var level = criterion.Contains("quiz") ? -5 : 1;
        var mastery = await app.Seed.MasteryLogAsync(summary, level, complete: false, criterion: criterion);
        await app.Seed.AttemptsAsync(mastery, 15);
        using var client = await app.LoginAsync("learner", Known.Facility);
        var model = criterion.Contains("quiz") ? (object)new { type = "quiz" } : MofN8;
        var body = await client.PostAsync(Url, Exercise(content, model)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(15, (int)body["totalattempts"]!);
        Assert.Equal(expected, body["pastattempts"]!.Count());
        Assert.Equal("item14", (string?)body["pastattempts"]![0]!["item"]);
    }

    [Fact]
    public async Task Practice_quiz_start_only_sees_the_quiz_try_attempts()
    {
        var content = Ids.New();
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, content, 0.2, "exercise");
        await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, 1, complete: false), 15, itemPrefix: "exercise");
        await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, -10, complete: false, criterion: """{"type": "quiz"}"""), 15, itemPrefix: "quiz");
        using var client = await app.LoginAsync("learner", Known.Facility);
        var body = await client.PostAsync(Url, Exercise(content, new { type = "quiz" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(15, body["pastattempts"]!.Count());
        Assert.All(body["pastattempts"]!, a => Assert.StartsWith("quiz", (string)a["item"]!));
    }

    [Fact]
    public async Task Finished_coach_quiz_cannot_be_restarted_without_repeat()
    {
        var quiz = await app.Seed.ExamAsync(Known.ClassroomA, "TP done " + Ids.New()[..6], true, [Known.ClassroomA]);
        using var client = await app.LoginAsync("learner", Known.Facility);
        var start = await client.PostAsync(Url, new { quiz_id = quiz }).JsonAsync(HttpStatusCode.OK);
        var session = Url + start["session_id"] + "/";
        var answered = await client.PutAsync(session, new
        {
            interactions = new[] { new { item = "e1:q1", correct = 1, time_spent = 3, answer = new { response = "a" }, replace = true } },
        }).JsonAsync(HttpStatusCode.OK);
        var again = await client.PutAsync(session, new
        {
            interactions = new[] { new { item = "e1:q1", correct = 0, time_spent = 5, answer = new { response = "b" }, replace = true } },
        }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((string?)answered["attempts"]![0]!["id"], (string?)again["attempts"]![0]!["id"]);
        Assert.Equal(0.0, (double)again["attempts"]![0]!["correct"]!);

        var submitted = await client.PutAsync(session, new { progress = 1 }).JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)submitted["complete"]!);
        await client.PutAsync(session, new
        {
            interactions = new[] { new { item = "e1:q2", correct = 1, time_spent = 3, answer = new { response = "a" } } },
        }).JsonAsync(HttpStatusCode.Forbidden);
        await client.PostAsync(Url, new { quiz_id = quiz }).JsonAsync(HttpStatusCode.Forbidden);
        await client.PostAsync(Url, new { quiz_id = quiz, repeat = true }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, await CountAsync("logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id", "s.content_id = @quiz", new { quiz }));
    }

    [Fact]
    public async Task Deactivated_coach_quiz_refuses_updates()
    {
        var quiz = await app.Seed.ExamAsync(Known.ClassroomA, "TP deact " + Ids.New()[..6], true, [Known.ClassroomA]);
        using var client = await app.LoginAsync("learner", Known.Facility);
        var start = await client.PostAsync(Url, new { quiz_id = quiz }).JsonAsync(HttpStatusCode.OK);
        await app.Seed.ScalarAsync<long>("UPDATE exams_exam SET active = FALSE WHERE id = @quiz", new { quiz });
        await client.PutAsync(Url + start["session_id"] + "/", new { time_spent_delta = 3 }).JsonAsync(HttpStatusCode.Forbidden);
    }

    private async Task<(ApiClient Client, string Session, string Content)> StartVideoAsync(string username = "learner")
    {
        var client = await app.LoginAsync(username, Known.Facility);
        var content = Ids.New();
        var body = await client.PostAsync(Url, Video(content)).JsonAsync(HttpStatusCode.OK);
        return (client, Url + body["session_id"] + "/", content);
    }

    [Fact]
    public async Task Empty_update_is_200()
    {
        var (client, session, _) = await StartVideoAsync();
        using (client)
        {
            var body = await client.PutAsync(session, new { }).JsonAsync(HttpStatusCode.OK);
            Snapshot.Match(body);
        }
    }

    [Theory]
    [InlineData(0.1, 0.1, 0.2)]
    [InlineData(0.9, 0.9, 1.0)]
    [InlineData(0.666, 0.3331, 1.0)]
    public async Task Progress_deltas_add_up_rounded_up_and_clamped(double first, double second, double expected)
    {
        var (client, session, content) = await StartVideoAsync();
        using (client)
        {
            await client.PutAsync(session, new { progress_delta = first }).JsonAsync(HttpStatusCode.OK);
            await client.PutAsync(session, new { progress_delta = second }).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(expected, await SummaryProgressAsync(Known.Learner, content), 6);
            var sessionId = session.Split('/')[^2];
            Assert.Equal(expected, await app.Seed.ScalarAsync<double>("SELECT progress FROM logger_contentsessionlog WHERE id = @sessionId", new { sessionId }), 6);
        }
    }

    [Fact]
    public async Task Progress_may_be_set_lower_and_time_adds_up()
    {
        var (client, session, content) = await StartVideoAsync();
        using (client)
        {
            await client.PutAsync(session, new { progress = 0.3, time_spent_delta = 30 }).JsonAsync(HttpStatusCode.OK);
            await client.PutAsync(session, new { progress = 0.1, time_spent_delta = 40 }).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(0.1, await SummaryProgressAsync(Known.Learner, content), 6);
            Assert.Equal(70.0, await app.Seed.ScalarAsync<double>("SELECT time_spent FROM logger_contentsummarylog WHERE content_id = @content", new { content }));
        }
    }

    [Fact]
    public async Task Progress_with_progress_delta_is_400_and_changes_nothing()
    {
        var (client, session, content) = await StartVideoAsync();
        using (client)
        {
            var body = await client.PutAsync(session, new { progress = 0.1, progress_delta = 0.1 }).JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal("non_field_errors", (string?)body[0]!["metadata"]!["field"]);
            await client.PutAsync(session, new { progress = 1.5 }).JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal(0.0, await SummaryProgressAsync(Known.Learner, content));
        }
    }

    [Fact]
    public async Task Full_progress_completes_the_summary_log()
    {
        var (client, session, content) = await StartVideoAsync();
        using (client)
        {
            var body = await client.PutAsync(session, new { progress = 1.0 }).JsonAsync(HttpStatusCode.OK);
            Assert.True((bool)body["complete"]!);
            Assert.Equal(1.0, await SummaryProgressAsync(Known.Learner, content));
            Assert.NotNull(await app.Seed.ScalarAsync<string?>("SELECT completion_timestamp FROM logger_contentsummarylog WHERE content_id = @content", new { content }));
        }
    }

    [Fact]
    public async Task Sessions_are_only_updatable_by_their_owner()
    {
        var (client, session, _) = await StartVideoAsync();
        using (client)
        {
            using var guest = await GuestAsync();
            await guest.PutAsync(session, new { progress = 0.5 }).JsonAsync(HttpStatusCode.NotFound);
            using var other = await app.LoginAsync("learner2", Known.Facility);
            await other.PutAsync(session, new { progress = 0.5 }).JsonAsync(HttpStatusCode.NotFound);
            var guestSession = await guest.PostAsync(Url, Video(Ids.New())).JsonAsync(HttpStatusCode.OK);
            await other.PutAsync(Url + guestSession["session_id"] + "/", new { progress = 0.5 }).JsonAsync(HttpStatusCode.NotFound);
            await guest.PutAsync(Url + guestSession["session_id"] + "/", new { progress = 0.5 }).JsonAsync(HttpStatusCode.OK);
            await other.PutAsync(Url + "not-an-id/", new { }).JsonAsync(HttpStatusCode.NotFound);
        }
    }

    public static TheoryData<string, string> BadInteractions => new()
    {
        { """{"correct": 1, "time_spent": 1, "answer": {}}""", "interactions.item" },
        { """{"item": "q", "correct": 1, "time_spent": 1}""", "interactions.non_field_errors" },
        { """{"item": "q", "time_spent": 1, "answer": {}}""", "interactions.correct" },
        { """{"item": "q", "correct": 1, "answer": {}}""", "interactions.time_spent" },
    };

    [Theory]
    [MemberData(nameof(BadInteractions))]
    public async Task Bad_interaction_is_400_and_nothing_is_saved(string interaction, string field)
    {
        var (client, session, content) = await StartVideoAsync();
        using (client)
        {
            var body = await client.SendRawAsync(HttpMethod.Put, session, $$"""{"progress": 0.5, "interactions": [{{interaction}}]}""")
                .JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal(field, (string?)body[0]!["metadata"]!["field"]);
            Assert.Equal(0.0, await SummaryProgressAsync(Known.Learner, content));
            Assert.Equal(0, await CountAsync("logger_attemptlog a JOIN logger_contentsessionlog s ON s.id = a.sessionlog_id", "s.content_id = @content", new { content }));
        }
    }

    private async Task<(ApiClient Client, string Session, string Content)> StartExerciseAsync(object? model = null)
    {
        var client = await app.LoginAsync("learner", Known.Facility);
        var content = Ids.New();
        var body = await client.PostAsync(Url, Exercise(content, model)).JsonAsync(HttpStatusCode.OK);
        return (client, Url + body["session_id"] + "/", content);
    }

    private sealed record AttemptRow
    {
        public required double Correct { get; init; }
        public required double TimeSpent { get; init; }
        public required bool Hinted { get; init; }
        public required bool Error { get; init; }
        public required string Answer { get; init; }
        public required string InteractionHistory { get; init; }
    }

    private async Task<AttemptRow> AttemptAsync(string id)
    {
        await using var conn = await app.Db.OpenAsync();
        return await conn.QuerySingleAsync<AttemptRow>(
            "SELECT correct, time_spent, hinted, error, answer, interaction_history FROM logger_attemptlog WHERE id = @id", new { id });
    }

    [Fact]
    public async Task Exercise_walkthrough_masters_two_of_three()
    {
        var (client, session, content) = await StartExerciseAsync(new { type = "m_of_n", m = 2, n = 3 });
        using (client)
        {
            var first = await client.PutAsync(session, new
            {
                progress_delta = 0.5, time_spent_delta = 9.5,
                interactions = new[] { new { item = "q1", correct = 1, complete = true, time_spent = 9.5, answer = new { response = "4" }, simple_answer = "4" } },
            }).JsonAsync(HttpStatusCode.OK);
            Snapshot.Match(first, o => o.IgnoreField("attempts[0].id"));
            var attempt = await AttemptAsync((string)first["attempts"]![0]!["id"]!);
            Assert.Equal("""[{"type":"answer","answer":{"response":"4"},"correct":1}]""", attempt.InteractionHistory);
            Assert.Equal(9.5, await app.Seed.ScalarAsync<double>(
                "SELECT m.time_spent FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id WHERE s.content_id = @content", new { content }));

            var second = await client.PutAsync(session, new
            {
                progress_delta = 0.5, time_spent_delta = 7,
                interactions = new[] { new { item = "q2", correct = 1, complete = true, time_spent = 7, answer = new { response = "5" } } },
            }).JsonAsync(HttpStatusCode.OK);
            Assert.True((bool)second["complete"]!);
            Assert.Equal(1, await CountAsync("logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id",
                "s.content_id = @content AND m.complete = TRUE AND m.completion_timestamp IS NOT NULL", new { content }));

            var reopened = await client.PostAsync(Url, Exercise(content, new { type = "m_of_n", m = 2, n = 3 })).JsonAsync(HttpStatusCode.OK);
            Assert.True((bool)reopened["complete"]!);
            Assert.Equal(2, (int)reopened["totalattempts"]!);
            Assert.Equal("q2", (string?)reopened["pastattempts"]![0]!["item"]);
            Assert.Equal(1, (int)reopened["context"]!["mastery_level"]!);
        }
    }

    [Fact]
    public async Task Error_and_hint_interactions_are_recorded_in_the_history()
    {
        var (client, session, _) = await StartExerciseAsync();
        using (client)
        {
            var error = await client.PutAsync(session, new { interactions = new[] { new { item = "err", error = true, correct = 1, time_spent = 10 } } })
                .JsonAsync(HttpStatusCode.OK);
            var errorRow = await AttemptAsync((string)error["attempts"]![0]!["id"]!);
            Assert.Equal("{}", errorRow.Answer);
            Assert.True(errorRow.Error);
            Assert.Equal("""[{"type":"error"}]""", errorRow.InteractionHistory);

            var hint = await client.PutAsync(session, new { interactions = new[] { new { item = "hint", hinted = true, correct = 0, time_spent = 3, answer = new { x = 1 } } } })
                .JsonAsync(HttpStatusCode.OK);
            var hintRow = await AttemptAsync((string)hint["attempts"]![0]!["id"]!);
            Assert.True(hintRow.Hinted);
            Assert.Equal("""[{"type":"hint","answer":{"x":1}}]""", hintRow.InteractionHistory);
        }
    }

    [Fact]
    public async Task Two_entries_for_one_item_make_one_attempt()
    {
        var (client, session, _) = await StartExerciseAsync();
        using (client)
        {
            var body = await client.SendRawAsync(HttpMethod.Put, session, """
                {"interactions": [
                  {"item": "twice", "correct": 1, "time_spent": 10, "hinted": true, "answer": {"response": "first"}},
                  {"item": "twice", "correct": 1, "time_spent": 20, "error": true}
                ]}
                """).JsonAsync(HttpStatusCode.OK);
            Assert.Single(body["attempts"]!);
            var row = await AttemptAsync((string)body["attempts"]![0]!["id"]!);
            Assert.Equal(20, row.TimeSpent);
            Assert.True(row.Hinted);
            Assert.True(row.Error);
            Assert.Equal(1.0, row.Correct);
            Assert.Equal("""[{"type":"hint","answer":{"response":"first"}},{"type":"error"}]""", row.InteractionHistory);

            var replaced = await client.SendRawAsync(HttpMethod.Put, session, """
                {"interactions": [
                  {"item": "again", "correct": 1, "time_spent": 10, "hinted": true, "answer": {"response": "first"}},
                  {"item": "again", "correct": 0, "time_spent": 20, "error": true, "replace": true}
                ]}
                """).JsonAsync(HttpStatusCode.OK);
            var replacedRow = await AttemptAsync((string)replaced["attempts"]![0]!["id"]!);
            Assert.Equal(0.0, replacedRow.Correct);
            Assert.Equal("""{"response":"first"}""", replacedRow.Answer);
        }
    }

    [Fact]
    public async Task Updating_by_id_replaces_only_with_replace()
    {
        var (client, session, _) = await StartExerciseAsync();
        using (client)
        {
            var created = await client.PutAsync(session, new { interactions = new[] { new { item = "byid", correct = 1, time_spent = 5, answer = new { response = "a" } } } })
                .JsonAsync(HttpStatusCode.OK);
            var id = (string)created["attempts"]![0]!["id"]!;
            await client.PutAsync(session, new { interactions = new[] { new { id, item = "byid", correct = 0, time_spent = 8, answer = new { response = "b" } } } })
                .JsonAsync(HttpStatusCode.OK);
            var kept = await AttemptAsync(id);
            Assert.Equal(1.0, kept.Correct);
            Assert.Equal("""{"response":"a"}""", kept.Answer);
            Assert.Equal(8, kept.TimeSpent);

            await client.PutAsync(session, new { interactions = new[] { new { id, item = "byid", correct = 0, time_spent = 9, answer = new { response = "c" }, replace = true } } })
                .JsonAsync(HttpStatusCode.OK);
            var replaced = await AttemptAsync(id);
            Assert.Equal(0.0, replaced.Correct);
            Assert.Equal("""{"response":"c"}""", replaced.Answer);
            Assert.Equal(3, JArray.Parse(replaced.InteractionHistory).Count);

            var hinted = await client.PutAsync(session, new { interactions = new[] { new { item = "right", correct = 1, time_spent = 5, answer = new { response = "a" } } } })
                .JsonAsync(HttpStatusCode.OK);
            var rightId = (string)hinted["attempts"]![0]!["id"]!;
            await client.PutAsync(session, new { interactions = new[] { new { id = rightId, item = "right", hinted = true, correct = 1, time_spent = 6, answer = new { response = "a" } } } })
                .JsonAsync(HttpStatusCode.OK);
            var right = await AttemptAsync(rightId);
            Assert.False(right.Hinted);
            Assert.Equal(1.0, right.Correct);

            var unknown = await client.PutAsync(session, new { interactions = new[] { new { id = Ids.New(), item = "x", correct = 1, time_spent = 1, answer = new { } } } })
                .JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal("Invalid attemptlog id specified", (string?)unknown[0]);
        }
    }

    [Fact]
    public async Task Assessment_time_moves_the_try()
    {
        var (client, session, content) = await StartExerciseAsync();
        using (client)
        {
            var before = await app.Seed.ScalarAsync<string>(
                "SELECT m.end_timestamp FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id WHERE s.content_id = @content", new { content });
            app.Clock.Advance(TimeSpan.FromSeconds(5));
            await client.PutAsync(session, new { time_spent_delta = 5 }).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(5.0, await app.Seed.ScalarAsync<double>(
                "SELECT m.time_spent FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id WHERE s.content_id = @content", new { content }));
            Assert.NotEqual(before, await app.Seed.ScalarAsync<string>(
                "SELECT m.end_timestamp FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id WHERE s.content_id = @content", new { content }));
        }
    }

    [Fact]
    public async Task Guest_replace_matches_only_within_the_session()
    {
        using var guest = await GuestAsync();
        var content = Ids.New();
        var first = await guest.PostAsync(Url, Exercise(content, new { type = "quiz" })).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(first["pastattempts"]!);
        Assert.Null(first["context"]!["mastery_level"]);
        var url = Url + first["session_id"] + "/";
        var a = await guest.PutAsync(url, new { interactions = new[] { new { item = "g", correct = 1, time_spent = 1, answer = new { }, replace = true } } }).JsonAsync(HttpStatusCode.OK);
        var b = await guest.PutAsync(url, new { interactions = new[] { new { item = "g", correct = 0, time_spent = 2, answer = new { }, replace = true } } }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((string?)a["attempts"]![0]!["id"], (string?)b["attempts"]![0]!["id"]);
        var second = await guest.PostAsync(Url, Exercise(content, new { type = "quiz" })).JsonAsync(HttpStatusCode.OK);
        var c = await guest.PutAsync(Url + second["session_id"] + "/", new { interactions = new[] { new { item = "g", correct = 0, time_spent = 2, answer = new { }, replace = true } } })
            .JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual((string?)a["attempts"]![0]!["id"], (string?)c["attempts"]![0]!["id"]);
    }

    [Fact]
    public async Task Start_without_csrf_token_is_403()
    {
        using var client = app.Anonymous(sendCsrf: false);
        (await client.PutAsync("/api/auth/session/current/", new { })).EnsureSuccessStatusCode();
        var body = await client.PostAsync(Url, Video(Ids.New())).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)body[0]!["id"]);
        await client.GetJsonAsync(Url, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Twenty_learners_updating_at_once_lose_nothing()
    {
        var learners = new List<(ApiClient Client, string Session)>();
        var content = Ids.New();
        for (var i = 0; i < 20; i++)
        {
            await app.Seed.LearnerAsync($"crowd{i}_{content[..6]}", Known.ClassroomA);
            var client = await app.LoginAsync($"crowd{i}_{content[..6]}", Known.Facility);
            var start = await client.PostAsync(Url, Exercise(content)).JsonAsync(HttpStatusCode.OK);
            learners.Add((client, Url + start["session_id"] + "/"));
        }
        // Twenty learners at once, each sending five updates and starting a second session on the same content meanwhile.
        var responses = (await Task.WhenAll(learners.Select(async l =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var n = 0; n < 5; n++)
            {
                using var response = await l.Client.PutAsync(l.Session, new
                {
                    progress_delta = 0.01, time_spent_delta = 1,
                    interactions = new[] { new { item = $"q{n}", correct = 1, time_spent = 1, answer = new { n } } },
                });
                statuses.Add(response.StatusCode);
                if (n == 2)
                {
                    using var restart = await l.Client.PostAsync(Url, Exercise(content));
                    statuses.Add(restart.StatusCode);
                }
            }
            return statuses;
        }))).SelectMany(s => s).ToList();
        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        var expected = 0.0;
        for (var n = 0; n < 5; n++) expected = Math.Clamp(Math.Ceiling((expected + 0.01) * 1000) / 1000, 0, 1);
        await using (var conn = await app.Db.OpenAsync())
        {
            var progress = (await conn.QueryAsync<double>("SELECT progress FROM logger_contentsummarylog WHERE content_id = @content AND time_spent = 5", new { content })).ToList();
            Assert.Equal(20, progress.Count);
            Assert.All(progress, p => Assert.Equal(expected, p, 9));
        }
        Assert.Equal(100, await CountAsync("logger_attemptlog a JOIN logger_contentsessionlog s ON s.id = a.sessionlog_id", "s.content_id = @content", new { content }));
        Assert.Equal(20, await CountAsync("logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id", "s.content_id = @content AND m.time_spent = 5", new { content }));
        foreach (var (client, _) in learners) client.Dispose();
    }

    [Fact]
    public async Task Concurrent_deltas_on_one_session_all_count()
    {
        var (client, session, content) = await StartExerciseAsync();
        using (client)
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            {
                using var response = await client.PutAsync(session, new { time_spent_delta = 2, progress_delta = 0.05 });
                return response.StatusCode;
            }));
            Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
            Assert.Equal(20.0, await app.Seed.ScalarAsync<double>("SELECT time_spent FROM logger_contentsummarylog WHERE content_id = @content", new { content }));
            Assert.Equal(20.0, await app.Seed.ScalarAsync<double>(
                "SELECT m.time_spent FROM logger_masterylog m JOIN logger_contentsummarylog s ON s.id = m.summarylog_id WHERE s.content_id = @content", new { content }));
            var expected = 0.0;
            for (var n = 0; n < 10; n++) expected = Math.Clamp(Math.Ceiling((expected + 0.05) * 1000) / 1000, 0, 1);
            Assert.Equal(expected, await SummaryProgressAsync(Known.Learner, content), 9);
        }
    }

    [Fact]
    public async Task Lesson_progress_queues_started_completed_and_help_needed_notifications()
    {
        string video = Ids.New(), videoContent = Ids.New(), exercise = Ids.New(), exerciseContent = Ids.New();
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, "Notifying " + video[..6], true, [(video, videoContent), (exercise, exerciseContent)], [Known.ClassroomA]);
        using var client = await app.LoginAsync("learner", Known.Facility);
        Task<long> CountAsync(string obj, string evt) => app.Seed.ScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications_learnerprogressnotification WHERE lesson_id = @lesson AND notification_object = @obj AND notification_event = @evt",
            new { lesson, obj, evt });

        var start = await client.PostAsync(Url, new { node_id = video, content_id = videoContent, channel_id = Seed.Channel, kind = "video", lesson_id = lesson })
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("Resource", "Started"));
        Assert.Equal(1, await CountAsync("Lesson", "Started"));
        await client.PutAsync(Url + start["session_id"] + "/", new { progress = 1.0 }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("Resource", "Completed"));
        Assert.Equal(0, await CountAsync("Lesson", "Completed"));

        var practice = await client.PostAsync(Url, new
        {
            node_id = exercise, content_id = exerciseContent, channel_id = Seed.Channel, kind = "exercise", lesson_id = lesson, mastery_model = MofN8,
        }).JsonAsync(HttpStatusCode.OK);
        var session = Url + practice["session_id"] + "/";
        foreach (var n in Enumerable.Range(0, 4))
            await client.PutAsync(session, new { interactions = new[] { new { item = $"wrong{n}", correct = 0, complete = true, time_spent = 2, answer = new { n } } } })
                .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("Resource", "HelpNeeded"));
        Assert.Equal(1, await CountAsync("Resource", "Answered"));
        await client.PutAsync(session, new { progress = 1.0 }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("Lesson", "Completed"));
        Assert.Equal("MultipleUnsuccessfulAttempts", await app.Seed.ScalarAsync<string>(
            "SELECT reason FROM notifications_learnerprogressnotification WHERE lesson_id = @lesson AND notification_event = 'HelpNeeded'", new { lesson }));
    }

    [Fact]
    public async Task Coach_quiz_queues_started_answered_and_completed_notifications()
    {
        var quiz = await app.Seed.ExamAsync(Known.ClassroomA, "TP notify " + Ids.New()[..6], true, [Known.ClassroomA]);
        using var client = await app.LoginAsync("learner", Known.Facility);
        Task<long> CountAsync(string evt) => app.Seed.ScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications_learnerprogressnotification WHERE quiz_id = @quiz AND notification_event = @evt", new { quiz, evt });
        var start = await client.PostAsync(Url, new { quiz_id = quiz }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("Started"));
        var session = Url + start["session_id"] + "/";
        await client.PutAsync(session, new { interactions = new[] { new { item = "e:q", correct = 1, complete = true, time_spent = 2, answer = new { }, replace = true } } })
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("Answered"));
        await client.PutAsync(session, new { progress = 1 }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync("Completed"));
        Assert.Equal(1, await app.Seed.ScalarAsync<long>(
            "SELECT quiz_num_correct FROM notifications_learnerprogressnotification WHERE quiz_id = @quiz AND notification_event = 'Completed'", new { quiz }));
    }
}
