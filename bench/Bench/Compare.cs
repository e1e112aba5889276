namespace KolibriSlices.Bench;

/// <summary>
/// A paired A/B of two builds on one machine: both run at once on a seeded home, logged in as its admin, and each path is
/// measured in alternating short wrk bursts. Starting the builds one after the other measures the machine's drift along
/// with the change; bursts of two live servers side by side do not.
/// </summary>
public static class Compare
{
    private const int BurstSeconds = 3;

    public static async Task<int> RunAsync(string binaryA, string binaryB, string home, int rounds, IReadOnlyList<string> paths, Options options)
    {
        if (!File.Exists(Path.Combine(home, "db.sqlite3")))
            throw new InvalidOperationException($"no seeded home at {home}: seed it first (--seed-only)");
        await using var a = await Server.StartAsync(binaryA, home, 18494);
        await using var b = await Server.StartAsync(binaryB, home, 18495);
        var sides = new[]
        {
            (Name: "A", Server: a, Session: await a.LoginAsync("benchadmin", Seeder.Password, Seeder.FacilityId)),
            (Name: "B", Server: b, Session: await b.LoginAsync("benchadmin", Seeder.Password, Seeder.FacilityId)),
        };
        foreach (var path in paths)
            foreach (var side in sides)
                Wrk.Measure(side.Server.BaseUrl + path, options.WarmupSeconds, options.Connections, options.Threads, side.Session.Headers);

        foreach (var path in paths)
        {
            var requests = new double[sides.Length];
            var cpuSeconds = new double[sides.Length];
            for (var round = 0; round < rounds; round++)
                for (var i = 0; i < sides.Length; i++)
                {
                    var before = sides[i].Server.CpuSeconds();
                    var result = Wrk.Measure(sides[i].Server.BaseUrl + path, BurstSeconds, options.Connections, options.Threads, sides[i].Session.Headers);
                    cpuSeconds[i] += sides[i].Server.CpuSeconds() - before;
                    requests[i] += result.Requests;
                }
            var line = string.Join(" | ", sides.Select((side, i) =>
                $"{side.Name} {requests[i] / (rounds * BurstSeconds),7:F0} req/s {cpuSeconds[i] * 1e6 / requests[i],6:F0} µs CPU/req"));
            Console.WriteLine($"{line} | B/A {requests[1] / requests[0]:F3}  {path}");
        }
        Console.WriteLine("peak memory (VmHWM): " + string.Join(", ", sides.Select(s => $"{s.Name} {s.Server.PeakMemoryMb():F0} MB")));
        return 0;
    }
}
