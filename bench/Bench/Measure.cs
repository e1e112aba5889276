using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Bench;

public enum Shape { Trivial, SingleObject, Page, Write }

/// <summary>
/// One measured scenario: the request wrk drives, Kolibri's own figure for it (kolibri-baseline.md), and the trivial
/// endpoint's throughput on the same server measured right after it (<see cref="Measure.TrivialPath"/>).
/// </summary>
public sealed record ScenarioResult(string Name, string Request, Shape Shape, double? KolibriRps, WrkResult? Result, string? Note,
    double? TrivialRps = null);

public sealed record ScaleResult(string Scale, int Learners, int ChannelNodes, IReadOnlyList<ScenarioResult> Scenarios, double PeakMemoryMb);

public sealed record ColdStart(double EmptyHomeMs, double MigratedHomeMs);

public static class Measure
{
    public const string TrivialPath = "/api/public/info/";

    /// <summary>How long the trivial endpoint runs after each scenario, for that scenario's ratio to it.</summary>
    private const int TrivialSeconds = 3;

    private sealed record Prepared(string Path, string[] Headers, string? Script = null, Dictionary<string, string>? Environment = null,
        Func<Task<Func<WrkResult, Task<string>>>>? Check = null);

    private sealed record Scenario(string Name, string Request, Shape Shape, double? KolibriRps, Func<Task<Prepared>> Prepare);

    /// <summary>One scale's server with its logged-in sessions and scenarios, measured scenario by scenario.</summary>
    private sealed record ScaleRun(Scale Scale, Server Server, IReadOnlyList<Scenario> Scenarios, bool HasChannel, List<ScenarioResult> Results);

    /// <summary>
    /// Every scale's server runs at once (an idle one costs nothing) and each scenario is measured on one scale right
    /// after the other, so the small/large ratio compares minutes-apart runs, not runs a quarter of an hour apart on a
    /// shared machine whose speed drifts.
    /// </summary>
    public static async Task<List<ScaleResult>> InterleavedAsync(string binary, IReadOnlyList<(Scale Scale, string Home)> homes, Options options)
    {
        var runs = new List<ScaleRun>();
        try
        {
            var port = 18480;
            foreach (var (scale, home) in homes) runs.Add(await StartAsync(binary, home, scale, options, port++));
            for (var i = 0; i < runs[0].Scenarios.Count; i++)
                foreach (var run in runs)
                    run.Results.Add(await MeasureAsync(run, run.Scenarios[i], options));
            return runs.Select(r => new ScaleResult(r.Scale.Name, r.Scale.Learners, r.Scale.ChannelNodes, r.Results, r.Server.PeakMemoryMb())).ToList();
        }
        finally
        {
            foreach (var run in runs) await run.Server.DisposeAsync();
        }
    }

    private static async Task<ScaleRun> StartAsync(string binary, string home, Scale scale, Options options, int port)
    {
        var server = await Server.StartAsync(binary, home, port);
        var admin = await server.LoginAsync("benchadmin", Seeder.Password, Seeder.FacilityId);
        var coach = await server.LoginAsync("coach00001", Seeder.Password, Seeder.FacilityId);
        var dbFile = Path.Combine(home, "db.sqlite3");
        var channel = Setup.ReadChannel(home);
        var scenarios = new List<Scenario>
        {
            new("trivial endpoint", "GET /api/public/info/", Shape.Trivial, 130, () => Task.FromResult(new Prepared(TrivialPath, []))),
            new("session heartbeat", "PUT /api/auth/session/current/", Shape.SingleObject, 128, () => Task.FromResult(
                new Prepared("/api/auth/session/current/", admin.Headers, "method.lua", new() { ["WRK_METHOD"] = "PUT", ["WRK_BODY"] = "{}" }))),
            new("users, paged", "GET /api/auth/facilityuser/?page_size=50&page=3", Shape.Page, 59, () => Task.FromResult(
                new Prepared("/api/auth/facilityuser/?page_size=50&page=3", admin.Headers))),
            new("users, searched", "GET /api/auth/facilityuser/?page_size=50&search=learner12", Shape.Page, 59, () => Task.FromResult(
                new Prepared("/api/auth/facilityuser/?page_size=50&search=learner12", admin.Headers))),
            new("one user", "GET /api/auth/facilityuser/<id>/", Shape.SingleObject, 116, () => Task.FromResult(
                new Prepared($"/api/auth/facilityuser/{Seeder.UserId(scale.Learners / 2)}/", admin.Headers))),
            new("classrooms, paged", "GET /api/auth/classroom/?page_size=50", Shape.Page, 64, () => Task.FromResult(
                new Prepared("/api/auth/classroom/?page_size=50", admin.Headers))),
            new("channels", "GET /api/content/channel/", Shape.Page, 436, () => Task.FromResult(
                new Prepared("/api/content/channel/", admin.Headers))),
            new("children of a topic", "GET /api/content/contentnode/?parent=<topic>", Shape.Page, 23, () => Task.FromResult(
                new Prepared($"/api/content/contentnode/?parent={channel?.Topic}", admin.Headers))),
            new("one node", "GET /api/content/contentnode/<id>/", Shape.SingleObject, 471, () => Task.FromResult(
                new Prepared($"/api/content/contentnode/{channel?.Leaf}/", admin.Headers))),
            new("topic tree", "GET /api/content/contentnode_tree/<topic>/", Shape.Page, 10, () => Task.FromResult(
                new Prepared($"/api/content/contentnode_tree/{channel?.Topic}/", admin.Headers))),
            new("keyword search", "GET /api/content/contentnode/?max_results=25&keywords=<word>", Shape.Page, 15, () => Task.FromResult(
                new Prepared($"/api/content/contentnode/?max_results=25&keywords={channel?.Keyword}", admin.Headers))),
            new("coach class summary", "GET /coach/api/classsummary/<class>/", Shape.Page, null, () => Task.FromResult(
                new Prepared($"/coach/api/classsummary/{Seeder.ClassId(1)}/", coach.Headers))),
            new("progress updates, 50 learners", "PUT /api/logger/trackprogress/<id>/", Shape.Write, 69 * 0.16,
                () => PrepareProgressAsync(server, dbFile, options)),
        };

        return new ScaleRun(scale, server, scenarios, channel is not null, []);
    }

    private static async Task<ScenarioResult> MeasureAsync(ScaleRun run, Scenario scenario, Options options)
    {
        var server = run.Server;
        if (scenario.Request.Contains("/api/content/") && !run.HasChannel)
            return new ScenarioResult(scenario.Name, scenario.Request, scenario.Shape, scenario.KolibriRps, null, "no channel in this home");
        try
        {
            var prepared = await scenario.Prepare();
            if (prepared.Script is null) await ProbeAsync(server.BaseUrl + prepared.Path, prepared.Headers);
            var script = prepared.Script is null ? null : Path.Combine(AppContext.BaseDirectory, "lua", prepared.Script);
            Wrk.Measure(server.BaseUrl + prepared.Path, options.WarmupSeconds, options.Connections, options.Threads, prepared.Headers, script, prepared.Environment);
            var verify = prepared.Check is null ? null : await prepared.Check();
            var result = Wrk.Measure(server.BaseUrl + prepared.Path, options.Seconds, options.Connections, options.Threads, prepared.Headers, script, prepared.Environment);
            var note = verify is null ? null : await verify(result);
            // The machine's speed drifts during a run: the ratio to the trivial endpoint compares figures taken together.
            var trivial = scenario.Shape == Shape.Trivial ? result
                : Wrk.Measure(server.BaseUrl + TrivialPath, TrivialSeconds, options.Connections, options.Threads, []);
            Console.WriteLine($"   {run.Scale.Name,-6} {scenario.Name,-32} {result.RequestsPerSecond,9:F0} req/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  non-2xx {result.Non2xx}  trivial after {trivial.RequestsPerSecond,6:F0} req/s  peak {server.PeakMemoryMb(),4:F0} MB so far {note}");
            return new ScenarioResult(scenario.Name, scenario.Request, scenario.Shape, scenario.KolibriRps, result, note, trivial.RequestsPerSecond);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or KeyNotFoundException or SqliteException)
        {
            Console.WriteLine($"   {run.Scale.Name,-6} {scenario.Name,-32} not measured: {e.Message}");
            return new ScenarioResult(scenario.Name, scenario.Request, scenario.Shape, scenario.KolibriRps, null, "not measured: " + e.Message);
        }
    }

    /// <summary>
    /// 50 learners log in and each starts a content session; wrk then updates them all at once. Afterwards every
    /// successful update must be in the database: the session logs' time_spent grows by one second per 2xx answer.
    /// </summary>
    private static async Task<Prepared> PrepareProgressAsync(Server server, string dbFile, Options options)
    {
        var lines = new List<string>();
        var ids = new List<string>();
        for (var n = 1; n <= 50; n++)
        {
            var learner = await server.LoginAsync($"learner{n:00000}", Seeder.Password, Seeder.FacilityId);
            using var response = await learner.Http.PostAsJsonAsync("/api/logger/trackprogress/", new
            {
                node_id = Seeder.Id("bench-node", n), content_id = Seeder.Id("bench-content", n), channel_id = Seeder.Id("bench-channel"), kind = "video",
            });
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"trackprogress start: {(int)response.StatusCode} {Truncate(body)}");
            var sessionId = JsonNode.Parse(body)!["session_id"]!.GetValue<string>();
            ids.Add(sessionId);
            lines.Add($"{learner.Key} {learner.Csrf} {sessionId}");
        }
        var file = Path.Combine(Path.GetTempPath(), $"bench-sessions-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, lines);
        async Task<double> StoredSeconds()
        {
            await using var conn = new SqliteConnection($"Data Source={dbFile};Mode=ReadOnly");
            return await conn.ExecuteScalarAsync<double>("SELECT COALESCE(SUM(time_spent), 0) FROM logger_contentsessionlog WHERE id IN @ids", new { ids });
        }
        return new Prepared("/", [], "trackprogress.lua", new() { ["WRK_SESSIONS"] = file }, async () =>
        {
            var before = await StoredSeconds();
            return async result =>
            {
                var stored = await StoredSeconds() - before;
                var answered = result.Requests - result.Non2xx;
                return stored >= answered
                    ? $"no lost update: {stored:F0} s stored for {answered} successful updates"
                    : $"LOST UPDATES: {stored:F0} s stored for {answered} successful updates";
            };
        });
    }

    private static async Task ProbeAsync(string url, string[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var header in headers)
            request.Headers.TryAddWithoutValidation(header[..header.IndexOf(':')], header[(header.IndexOf(':') + 1)..].Trim());
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync())}");
    }

    public static async Task<ColdStart> ColdStartAsync(string binary, string migratedHome)
    {
        var empty = Path.Combine(Path.GetTempPath(), "bench-empty-" + Guid.NewGuid().ToString("N"));
        double emptyMs;
        await using (var server = await Server.StartAsync(binary, empty, 18481)) emptyMs = server.StartupMs;
        Directory.Delete(empty, recursive: true);
        var migrated = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var server = await Server.StartAsync(binary, migratedHome, 18482);
            migrated.Add(server.StartupMs);
        }
        return new ColdStart(emptyMs, migrated.Order().ElementAt(1));
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;
}
