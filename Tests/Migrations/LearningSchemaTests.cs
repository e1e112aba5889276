using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Tests.Migrations;

/// <summary>What the learning tables' foreign keys do when a user, a classroom or a lesson goes away.</summary>
public sealed class LearningSchemaTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<long> CountAsync(string table, string where, object args) =>
        app.Seed.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {where}", args);

    [Fact]
    public async Task Deleting_a_user_removes_their_logs_and_bookmarks_and_detaches_what_they_made()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Doomed user room");
        var user = await app.Seed.LearnerAsync("doomed_" + classroom[..6], classroom);
        await app.Seed.RoleAsync(user, classroom, "coach");
        var summary = await app.Seed.SummaryLogAsync(user, Ids.New(), 0.5, "exercise");
        await app.Seed.AttemptsAsync(await app.Seed.MasteryLogAsync(summary, 1, false), 2);
        var node = Ids.New();
        await app.Seed.NodeAsync(node, Ids.New(), "video", "Doomed bookmark");
        var lesson = await app.Seed.LessonAsync(classroom, "Made by the doomed", true, [], [classroom]);
        await app.Seed.ScalarAsync<long>("""
            UPDATE lessons_lesson SET created_by_id = @user WHERE id = @lesson;
            UPDATE lessons_lessonassignment SET assigned_by_id = @user WHERE lesson_id = @lesson;
            INSERT INTO bookmarks_bookmark (id, user_id, contentnode_id, created, dataset_id) VALUES (@bookmark, @user, @node, '2025-01-01T00:00:00.000000Z', @dataset);
            """, new { user, lesson, bookmark = Ids.New(), node, dataset = Known.Dataset });

        await app.Seed.ScalarAsync<long>("DELETE FROM kolibriauth_facilityuser WHERE id = @user", new { user });

        foreach (var table in new[] { "logger_contentsummarylog", "logger_masterylog", "logger_attemptlog", "logger_contentsessionlog", "bookmarks_bookmark" })
            Assert.Equal(0, await CountAsync(table, "user_id = @user", new { user }));
        Assert.Equal(1, await CountAsync("lessons_lesson", "id = @lesson AND created_by_id IS NULL", new { lesson }));
        Assert.Equal(1, await CountAsync("lessons_lessonassignment", "lesson_id = @lesson AND assigned_by_id IS NULL", new { lesson }));
    }

    [Fact]
    public async Task Deleting_a_classroom_removes_its_lessons_quizzes_and_assignments_but_not_logs()
    {
        var classroom = Ids.New();
        await app.Seed.CollectionAsync(classroom, Known.Facility, "Doomed room");
        var learner = await app.Seed.LearnerAsync("roomless_" + classroom[..6], classroom);
        var lesson = await app.Seed.LessonAsync(classroom, "Doomed lesson", true, [], [classroom]);
        var exam = await app.Seed.ExamAsync(classroom, "Doomed quiz", true, [classroom]);
        await app.Seed.SummaryLogAsync(learner, exam, 0.5, "quiz");
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await admin.PatchAsync($"/api/lessons/lesson/{lesson}/", new { learner_ids = new[] { learner } }).JsonAsync(HttpStatusCode.OK);

        await app.Seed.ScalarAsync<long>("DELETE FROM kolibriauth_collection WHERE id = @classroom", new { classroom });

        Assert.Equal(0, await CountAsync("lessons_lesson", "id = @lesson", new { lesson }));
        Assert.Equal(0, await CountAsync("lessons_lessonassignment", "lesson_id = @lesson", new { lesson }));
        Assert.Equal(0, await CountAsync("exams_exam", "id = @exam", new { exam }));
        Assert.Equal(0, await CountAsync("exams_examassignment", "exam_id = @exam", new { exam }));
        Assert.Equal(0, await CountAsync("kolibriauth_collection", "parent_id = @classroom", new { classroom }));
        Assert.Equal(1, await CountAsync("logger_contentsummarylog", "user_id = @learner", new { learner }));
    }

    [Fact]
    public async Task Deleting_a_lesson_removes_its_assignments_only()
    {
        var lesson = await app.Seed.LessonAsync(Known.ClassroomA, "Short-lived " + Ids.New()[..6], true, [], [Known.ClassroomA, Known.GroupA1]);
        await app.Seed.ScalarAsync<long>("DELETE FROM lessons_lesson WHERE id = @lesson", new { lesson });
        Assert.Equal(0, await CountAsync("lessons_lessonassignment", "lesson_id = @lesson", new { lesson }));
        Assert.Equal(1, await CountAsync("kolibriauth_collection", "id = @group", new { group = Known.GroupA1 }));
    }
}
