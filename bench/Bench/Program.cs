using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Bench;

// One command: publish the single-file binary, seed a small and a large home, drive every scenario with wrk on each,
// and write bench/out/results.md (+ .json) and the README's results table. See bench/README.md.
var options = Options.Parse(args);
var root = Options.FindRepositoryRoot();
var outDir = Path.Combine(root, "bench", "out");
Directory.CreateDirectory(outDir);
Wrk.EnsureInstalled();

// compare A-binary B-binary path...: a paired A/B of two builds on the last scale's seeded home (see Compare).
if (args is ["compare", var binaryA, var binaryB, ..])
    return await Compare.RunAsync(binaryA, binaryB, Path.Combine(outDir, "home-" + options.Scales[^1].Name),
        options.Rounds, args[3..].TakeWhile(a => !a.StartsWith("--")).ToList(), options);

var binary = Path.Combine(outDir, "bin", "KolibriSlices");
if (!options.SkipPublish)
{
    Console.WriteLine("publishing the single-file binary ...");
    if (Wrk.Run("dotnet", $"publish \"{Path.Combine(root, "KolibriSlices.csproj")}\" -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o \"{Path.Combine(outDir, "bin")}\"", quiet: true) != 0)
        throw new InvalidOperationException("publish failed");
}

var homes = new List<(Scale Scale, string Home)>();
foreach (var scale in options.Scales)
{
    var home = Path.Combine(outDir, "home-" + scale.Name);
    if (options.Reseed || !File.Exists(Path.Combine(home, "db.sqlite3")))
        Setup.CreateHome(binary, home, scale, root);
    homes.Add((scale, home));
}
if (options.SeedOnly) return 0;
Console.WriteLine("== " + string.Join(", ", homes.Select(h => $"{h.Scale.Name}: {h.Scale.Learners} learners, {h.Scale.ChannelNodes} nodes")) + "; each scenario on every scale in turn");
var results = await Measure.InterleavedAsync(binary, homes, options);

var coldStart = await Measure.ColdStartAsync(binary, Path.Combine(outDir, "home-" + options.Scales[0].Name));
var report = Report.Write(results, coldStart, options);
File.WriteAllText(Path.Combine(outDir, "results.md"), report);
File.WriteAllText(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(new { results, coldStart }, new JsonSerializerOptions { WriteIndented = true }));
Report.UpdateReadme(Path.Combine(root, "README.md"), report);
Console.WriteLine(report);
return 0;

public sealed record Scale(string Name, int Learners, int ChannelNodes);

public sealed record Options(IReadOnlyList<Scale> Scales, int Seconds, int WarmupSeconds, int Connections, int Threads, bool Reseed, bool SkipPublish, bool SeedOnly,
    int Rounds)
{
    public static readonly Scale Small = new("small", 1_000, 10_000);
    public static readonly Scale Large = new("large", 30_000, 100_000);

    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var scales = (Value("--scales") ?? "small,large").Split(',').Select(s => s switch
        {
            "small" => Small, "large" => Large,
            "tiny" => new Scale("tiny", 100, 1_000),
            _ => throw new ArgumentException($"unknown scale {s}"),
        }).ToList();
        return new Options(scales, int.Parse(Value("--seconds") ?? "10"), int.Parse(Value("--warmup") ?? "10"), int.Parse(Value("--connections") ?? "16"),
            int.Parse(Value("--threads") ?? "2"), args.Contains("--reseed"), args.Contains("--skip-publish"), args.Contains("--seed-only"),
            int.Parse(Value("--rounds") ?? "4"));
    }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KolibriSlices.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KolibriSlices.sln"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the repository");
    }
}
