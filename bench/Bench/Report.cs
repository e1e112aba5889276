using System.Globalization;
using System.Text;

namespace KolibriSlices.Bench;

/// <summary>
/// The results table and the goals of the benchmark issue, checked against figures measured in the same run:
/// throughput against Kolibri's (kolibri-baseline.md), against the trivial endpoint measured right after the scenario on
/// the same server, and p50 growth small → large.
/// </summary>
public static class Report
{
    private const string Begin = "<!-- bench:begin -->";
    private const string End = "<!-- bench:end -->";

    public static string Write(IReadOnlyList<ScaleResult> scales, ColdStart coldStart, Options options)
    {
        var sb = new StringBuilder();
        var small = scales.FirstOrDefault();
        var large = scales.Count > 1 ? scales[^1] : null;
        string F(double v) => double.IsNaN(v) ? "–" : v.ToString(v >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
        sb.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd} with wrk ({options.Threads} threads, {options.Connections} connections, {options.Seconds} s per scenario after a {options.WarmupSeconds} s warm-up, " +
                      $"each followed by the trivial endpoint, whose throughput then is the scenario's \"× trivial\" divisor) " +
                      $"on {Environment.ProcessorCount} cores against the published single-file binary on SQLite. " +
                      string.Join(", ", scales.Select(s => $"{s.Scale}: {s.Learners:N0} learners, {s.ChannelNodes:N0}-node channel")) + ".");
        sb.AppendLine();
        sb.AppendLine("| scenario | request | " + string.Join(" | ", scales.Select(s => $"{s.Scale} req/s | {s.Scale} p50 ms | {s.Scale} p99 ms")) +
                      " | × Kolibri | × trivial | p50 growth |");
        sb.AppendLine("|---|---|" + string.Concat(scales.Select(_ => "---|---|---|")) + "---|---|---|");
        var goals = new List<string>();
        foreach (var scenario in small?.Scenarios ?? [])
        {
            var row = new StringBuilder($"| {scenario.Name} | `{scenario.Request}` |");
            foreach (var scale in scales)
            {
                var r = scale.Scenarios.First(s => s.Name == scenario.Name).Result;
                row.Append(r is null ? " – | – | – |" : $" {F(r.RequestsPerSecond)} | {F(r.P50Ms)} | {F(r.P99Ms)} |");
            }
            var worst = scales.Select(s => s.Scenarios.First(x => x.Name == scenario.Name)).ToList();
            var minRps = worst.Where(s => s.Result is not null).Select(s => s.Result!.RequestsPerSecond).DefaultIfEmpty(double.NaN).Min();
            var vsKolibri = scenario.KolibriRps is { } k ? minRps / k : double.NaN;
            var trivialRatios = scales.Select(s => s.Scenarios.First(x => x.Name == scenario.Name))
                .Select(x => (x.Result?.RequestsPerSecond ?? double.NaN) / (x.TrivialRps ?? double.NaN)).ToList();
            var vsTrivial = trivialRatios.Where(r => !double.IsNaN(r)).DefaultIfEmpty(double.NaN).Min();
            var growth = large is null ? double.NaN
                : (large.Scenarios.First(x => x.Name == scenario.Name).Result?.P50Ms ?? double.NaN) / (scenario.Result?.P50Ms ?? double.NaN);
            row.Append($" {F(vsKolibri)} | {F(vsTrivial)} | {F(growth)} |");
            sb.AppendLine(row.ToString());

            if (scenario.Result is null && worst.All(w => w.Result is null)) { goals.Add($"- {scenario.Name}: not measured ({scenario.Note})"); continue; }
            if (scenario.Shape == Shape.Trivial) continue;
            var target = scenario.Shape == Shape.Write ? 20 : 50;
            if (scenario.KolibriRps is not null) goals.Add(Goal(vsKolibri >= target, $"{scenario.Name}: {F(vsKolibri)}× Kolibri's {F(scenario.KolibriRps.Value)} req/s (goal ≥ {target}×)"));
            if (scenario.Shape is Shape.SingleObject or Shape.Page)
            {
                var floor = scenario.Shape == Shape.SingleObject ? 0.25 : 0.10;
                goals.Add(Goal(vsTrivial >= floor, $"{scenario.Name}: {F(vsTrivial)} of the trivial endpoint's throughput (goal ≥ {floor:F2})"));
                if (!double.IsNaN(growth)) goals.Add(Goal(growth <= 1.5, $"{scenario.Name}: p50 grows {F(growth)}× from {small!.Scale} to {large!.Scale} (goal ≤ 1.5×)"));
            }
            if (scenario.Shape == Shape.Write)
                foreach (var w in worst.Where(w => w.Result is not null))
                    goals.Add(Goal(w.Result!.Non2xx == 0 && w.Result.SocketErrors == 0 && w.Note?.StartsWith("no lost") == true,
                        $"{scenario.Name}: {w.Result.Non2xx} errors, {w.Note}"));
        }
        sb.AppendLine();
        sb.AppendLine($"Cold start of the single-file binary: {coldStart.MigratedHomeMs:F0} ms on a migrated home (goal < 500 ms; Kolibri 2 s), " +
                      $"{coldStart.EmptyHomeMs:F0} ms on an empty one (goal < 2,000 ms; Kolibri 30 s). " +
                      $"Peak memory (VmHWM) under load: " + string.Join(", ", scales.Select(s => $"{s.Scale} {s.PeakMemoryMb:F0} MB")) + " (goal < 150 MB; Kolibri 270-480 MB).");
        goals.Add(Goal(coldStart.MigratedHomeMs < 500, $"cold start on a migrated home {coldStart.MigratedHomeMs:F0} ms (goal < 500)"));
        goals.Add(Goal(coldStart.EmptyHomeMs < 2000, $"cold start on an empty home {coldStart.EmptyHomeMs:F0} ms (goal < 2000)"));
        foreach (var s in scales) goals.Add(Goal(s.PeakMemoryMb < 150, $"peak memory at {s.Scale} scale {s.PeakMemoryMb:F0} MB (goal < 150)"));
        sb.AppendLine();
        sb.AppendLine("Goals:");
        sb.AppendLine();
        foreach (var g in goals) sb.AppendLine(g);
        return sb.ToString();
    }

    private static string Goal(bool met, string text) => $"- {(met ? "met" : "**missed**")}: {text}";

    public static void UpdateReadme(string readme, string report)
    {
        var text = File.ReadAllText(readme);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start) return;
        File.WriteAllText(readme, text[..(start + Begin.Length)] + "\n" + report + text[end..]);
    }
}
