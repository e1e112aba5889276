using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Features.Exams.Exams;

public sealed class ExamsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/exams/exam/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static string Unique(string title) => $"{title} {Ids.New()[..6]}";

    private static object[] Section(int questions, string title = "Part 1") =>
    [
        new
        {
            section_title = title, description = "", learners_see_fixed_order = false,
            questions = Enumerable.Range(1, questions).Select(i => new
            {
                exercise_id = "e0000000000000000000000000000001", question_id = $"{i:x32}", title = $"Q{i}", counter_in_exercise = i,
            }).ToArray(),
        },
    ];

    private static Dictionary<string, object> Quiz(string title, bool? draft = null, object[]? sources = null, string[]? assignments = null,
        string[]? learners = null, bool? active = null)
    {
        var body = new Dictionary<string, object>
        {
            ["title"] = title, ["collection"] = Known.ClassroomA, ["question_sources"] = sources ?? Section(3),
            ["assignments"] = assignments ?? [Known.ClassroomA], ["learner_ids"] = learners ?? [],
        };
        if (draft is not null) body["draft"] = draft.Value;
        if (active is not null) body["active"] = active.Value;
        return body;
    }

    [Fact]
    public async Task Admin_publishes_a_three_question_quiz()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Url, Quiz("Published quiz", draft: false, active: true)).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(body, o => o.IgnoreField("id").IgnoreField("date_created").IgnoreField("date_activated"));
        Assert.NotNull((string?)body["date_created"]);
        var read = await admin.GetJsonAsync(Url + body["id"] + "/");
        foreach (var key in new[] { "id", "title", "draft", "active", "archive", "question_sources", "seed", "collection", "question_count", "creator",
                     "data_model_version", "learners_see_fixed_order", "date_created" })
            Assert.NotNull(read[key]);
        Assert.Equal(1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM exams_examassignment WHERE exam_id = @id", new { id = (string)body["id"]! }));
    }

    [Fact]
    public async Task Draft_is_created_by_default_and_published_later_with_its_assignments()
    {
        using var coach = await app.LoginAsync("ccoach", Known.Facility);
        var draft = await coach.PostAsync(Url, Quiz(Unique("Draft quiz"), assignments: [Known.GroupA1], learners: [Known.Learner])).JsonAsync(HttpStatusCode.Created);
        Snapshot.Match(draft, o => o.IgnoreField("id").IgnoreField("date_created").IgnoreField("title"));
        Assert.Equal(JTokenType.Integer, draft["id"]!.Type);
        var draftId = (long)draft["id"]!;

        await coach.PatchAsync($"{Url}{draftId}/", new { active = true }).JsonAsync(HttpStatusCode.BadRequest);
        await coach.PatchAsync($"{Url}{draftId}/", new { archive = true }).JsonAsync(HttpStatusCode.BadRequest);
        var published = await coach.PatchAsync($"{Url}{draftId}/", new { draft = false, active = true }).JsonAsync(HttpStatusCode.OK);
        var examId = (string)published["id"]!;
        Assert.Equal(32, examId.Length);
        Assert.True((bool)published["active"]!);
        Assert.False((bool)published["draft"]!);
        Assert.Equal(new[] { Known.GroupA1 }, published["assignments"]!.Select(t => (string)t!));
        Assert.Equal(new[] { Known.Learner }, published["learner_ids"]!.Select(t => (string)t!));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM exams_draftexam WHERE id = @draftId", new { draftId }));
        Assert.Equal(2, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM exams_examassignment WHERE exam_id = @examId", new { examId }));
        await coach.GetJsonAsync($"{Url}{draftId}/", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Draft_rules_on_create()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PostAsync(Url, Quiz(Unique("Active draft"), active: true)).JsonAsync(HttpStatusCode.BadRequest);
        await admin.PostAsync(Url, Quiz(Unique("Inactive draft"), active: false)).JsonAsync(HttpStatusCode.Created);
        var empty = await admin.PostAsync(Url, Quiz(Unique("Empty draft"), sources: [])).JsonAsync(HttpStatusCode.Created);
        var refused = await admin.PatchAsync($"{Url}{empty["id"]}/", new { draft = false }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Cannot publish a draft exam with no questions", (string?)refused[0]);
    }

    [Fact]
    public async Task Published_quiz_rules_on_update()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var exam = await admin.PostAsync(Url, Quiz(Unique("Locked"), draft: false, active: true)).JsonAsync(HttpStatusCode.Created);
        var id = (string)exam["id"]!;
        var toDraft = await admin.PatchAsync($"{Url}{id}/", new { draft = true }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Cannot change an Exam to a DraftExam", (string?)toDraft[0]);
        var sources = await app.Seed.ScalarAsync<string>("SELECT question_sources FROM exams_exam WHERE id = @id", new { id });
        await admin.PatchAsync($"{Url}{id}/", new { question_sources = Section(1) }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(sources, await app.Seed.ScalarAsync<string>("SELECT question_sources FROM exams_exam WHERE id = @id", new { id }));
        await admin.PutAsync($"{Url}{id}/", new { title = "Put without draft", collection = Known.ClassroomA, assignments = new[] { Known.ClassroomA } })
            .JsonAsync(HttpStatusCode.BadRequest);
        await admin.PutAsync($"{Url}{id}/", new { title = Unique("Put with draft"), collection = Known.ClassroomA, assignments = new[] { Known.ClassroomA }, draft = false })
            .JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Closing_a_quiz_completes_every_try_and_deactivating_finishes_open_ones()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var exam = await admin.PostAsync(Url, Quiz(Unique("Closing"), draft: false, active: true)).JsonAsync(HttpStatusCode.Created);
        var id = (string)exam["id"]!;
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, id, 0, "quiz");
        await app.Seed.ScalarAsync<long>("UPDATE logger_masterylog SET completion_timestamp = NULL WHERE summarylog_id = @summary", new { summary });
        await app.Seed.MasteryLogAsync(summary, -7, complete: false, criterion: """{"type": "quiz", "coach_assigned": true}""");
        await admin.PatchAsync($"{Url}{id}/", new { active = false }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM logger_masterylog WHERE summarylog_id = @summary AND completion_timestamp IS NULL", new { summary }));
        await admin.PatchAsync($"{Url}{id}/", new { archive = true }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM logger_masterylog WHERE summarylog_id = @summary AND complete = FALSE", new { summary }));
        Assert.NotNull(await app.Seed.ScalarAsync<string?>("SELECT date_archived FROM exams_exam WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task Learners_cannot_write_quizzes_and_admins_delete_both_kinds()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var exam = (string)(await admin.PostAsync(Url, Quiz(Unique("Doomed"), draft: false)).JsonAsync(HttpStatusCode.Created))["id"]!;
        var draft = (long)(await admin.PostAsync(Url, Quiz(Unique("Doomed draft"))).JsonAsync(HttpStatusCode.Created))["id"]!;
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.DeleteAsync($"{Url}{exam}/").JsonAsync(HttpStatusCode.Forbidden);
        await learner.DeleteAsync($"{Url}{draft}/").JsonAsync(HttpStatusCode.Forbidden);
        await learner.PostAsync(Url, Quiz(Unique("Learner's"))).JsonAsync(HttpStatusCode.Forbidden);
        using var other = await app.LoginAsync("otheradmin", Known.OtherFacility);
        await other.PatchAsync($"{Url}{exam}/", new { active = true }).JsonAsync(HttpStatusCode.Forbidden);
        await admin.DeleteAsync($"{Url}{exam}/").JsonAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"{Url}{draft}/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM exams_exam WHERE id = @exam", new { exam }));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM exams_draftexam WHERE id = @draft", new { draft }));
        await admin.PatchAsync($"{Url}{Ids.New()}/", new { active = true }).JsonAsync(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"{Url}999999/").JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Non_member_learner_ids_and_duplicate_titles_are_refused()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var before = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE kind = 'adhoclearnersgroup'");
        await admin.PostAsync(Url, Quiz(Unique("Strangers"), draft: false, learners: [Known.Learner2])).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE kind = 'adhoclearnersgroup'"));
        var title = Unique("Exam");
        await admin.PostAsync(Url, Quiz(title)).JsonAsync(HttpStatusCode.Created);
        var clash = await admin.PostAsync(Url, Quiz(title.ToUpperInvariant(), draft: false)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UNIQUE", (string?)clash[0]!["id"]);
    }

    public static TheoryData<string> BadQuestions => new()
    {
        """[{"questions": [{"exercise_id": "e0000000000000000000000000000001", "question_id": "q0000000000000000000000000000001"}]}]""",
        """[{"questions": [{"exercise_id": "e1", "question_id": "q0000000000000000000000000000001", "counter_in_exercise": 1}]}]""",
        """[{"questions": [{"exercise_id": "e0000000000000000000000000000001", "question_id": "q1", "counter_in_exercise": 1}]}]""",
        """[{"questions": [{"question_id": "e0000000000000000000000000000001", "counter_in_exercise": 1}]}]""",
        """[{"questions": [{"exercise_id": "e0000000000000000000000000000001", "counter_in_exercise": 1}]}]""",
        """[{"questions": [""" + string.Join(",", Enumerable.Range(1, 26).Select(i => $$"""{"exercise_id": "e0000000000000000000000000000001", "question_id": "{{i:x32}}", "counter_in_exercise": {{i}}}""")) + "]}]",
        """{"not": "a list"}""",
    };

    [Theory]
    [MemberData(nameof(BadQuestions))]
    public async Task Bad_questions_are_400_and_nothing_is_stored(string sources)
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var before = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM exams_draftexam");
        var body = await admin.SendRawAsync(HttpMethod.Post, Url,
            $$"""{"title": "{{Unique("Bad")}}", "collection": "{{Known.ClassroomA}}", "assignments": [], "question_sources": {{sources}}}""")
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("question_sources", (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(before, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM exams_draftexam"));
    }

    [Fact]
    public async Task Missing_question_sources_is_400_not_500_and_sections_may_lack_questions()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        var body = await admin.PostAsync(Url, new { title = Unique("No sources"), collection = Known.ClassroomA, assignments = Array.Empty<string>() })
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("question_sources", (string?)body[0]!["metadata"]!["field"]);
        await admin.SendRawAsync(HttpMethod.Post, Url, $$"""{"title": "{{Unique("Bare")}}", "collection": "{{Known.ClassroomA}}", "assignments": [], "question_sources": [{"section_title": "s"}]}""")
            .JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Publishing_needs_questions_and_drops_empty_sections()
    {
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PostAsync(Url, Quiz(Unique("No questions"), draft: false, sources: [])).JsonAsync(HttpStatusCode.BadRequest);
        await admin.PostAsync(Url, Quiz(Unique("Empty sections"), draft: false, sources: [.. Section(0), .. Section(0, "Part 2")])).JsonAsync(HttpStatusCode.BadRequest);
        var body = await admin.PostAsync(Url, Quiz(Unique("One empty"), draft: false, sources: [.. Section(2), .. Section(0, "Part 2")])).JsonAsync(HttpStatusCode.Created);
        Assert.Single(body["question_sources"]!);
        Assert.Equal(2, (int)body["question_count"]!);
    }

    [Theory]
    [InlineData("superuser", 2)]
    [InlineData("admin", 2)]
    [InlineData("fcoach", 2)]
    [InlineData("ccoach", 2)]
    [InlineData("learner", 1)]
    [InlineData("learner2", 0)]
    [InlineData("otheradmin", 0)]
    [InlineData(null, 0)]
    public async Task Quiz_visibility_per_actor(string? username, int expected)
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Quiz room " + classroom[..6]);
        await app.Seed.MembershipAsync(Known.Learner, classroom);
        await app.Seed.RoleAsync(Known.ClassCoach, classroom, "coach");
        var active = await app.Seed.ExamAsync(classroom, "Active one", true, [classroom]);
        var inactive = await app.Seed.ExamAsync(classroom, "Inactive one", false, [classroom]);
        using var client = username is null ? app.Anonymous() : await app.LoginAsync(username, username == "otheradmin" ? Known.OtherFacility : Known.Facility);
        var list = await client.GetJsonAsync($"{Url}?collection={classroom}");
        Assert.Equal(expected, list.Count());
        await client.GetJsonAsync($"{Url}{active}/", expected > 0 ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        await client.GetJsonAsync($"{Url}{inactive}/", expected > 1 ? HttpStatusCode.OK : HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Inactive_quiz_stays_visible_to_a_learner_who_started_it()
    {
        var exam = await app.Seed.ExamAsync(Known.ClassroomA, Unique("Started"), false, [Known.ClassroomA]);
        using var learner = await app.LoginAsync("learner", Known.Facility);
        await learner.GetJsonAsync($"{Url}{exam}/", HttpStatusCode.NotFound);
        var summary = await app.Seed.SummaryLogAsync(Known.Learner, exam, 0, "quiz");
        await app.Seed.MasteryLogAsync(summary, -3, false, """{"type": "quiz", "coach_assigned": true}""");
        await learner.GetJsonAsync($"{Url}{exam}/");
        var sizes = await learner.GetJsonAsync($"{Url}size/");
        Assert.Contains(sizes, s => s[exam] is not null);
    }

    [Fact]
    public async Task List_and_size_shapes_merge_quizzes_and_drafts_newest_first()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Shapes room");
        await app.Seed.ExamAsync(classroom, "Older quiz", true, [classroom], id: "e7a00000000000000000000000000002", createdAt: "2025-01-01T00:00:00.000000Z");
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PostAsync(Url, new Dictionary<string, object>
        {
            ["title"] = "Newer draft", ["collection"] = classroom, ["question_sources"] = Section(1), ["assignments"] = Array.Empty<string>(),
        }).JsonAsync(HttpStatusCode.Created);
        var list = await admin.GetJsonAsync($"{Url}?collection={classroom}");
        Assert.Equal(new[] { "Newer draft", "Older quiz" }, list.Select(e => (string)e["title"]!));
        Snapshot.Match(list, o => o.IgnoreField("[0].id").IgnoreField("[*].collection").IgnoreField("[*].assignments").IgnoreField("[0].date_created")
            .IgnoreField("[0].creator"));
        Snapshot.Match(await admin.GetJsonAsync($"{Url}size/?collection={classroom}"), SnapshotNameExtension.Create("size"), o => o.IgnoreField("[0]"));
    }
}
