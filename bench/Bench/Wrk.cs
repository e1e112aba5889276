using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace KolibriSlices.Bench;

public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors);

/// <summary>Runs wrk (Debian package `wrk`) for a fixed time and concurrency and reads its summary.</summary>
public static partial class Wrk
{
    public static void EnsureInstalled()
    {
        if (Run("sh", "-c \"command -v wrk\"", quiet: true) == 0) return;
        Console.WriteLine("installing wrk (apt-get) ...");
        Run("sh", "-c \"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk\"");
        if (Run("sh", "-c \"command -v wrk\"", quiet: true) != 0) throw new InvalidOperationException("wrk is not available");
    }

    public static WrkResult Measure(string url, int seconds, int connections, int threads, IReadOnlyList<string> headers, string? script = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var args = new List<string> { "-t", threads.ToString(), "-c", connections.ToString(), "-d", $"{seconds}s", "--latency", "--timeout", "10s" };
        foreach (var header in headers) { args.Add("-H"); args.Add(header); }
        if (script is not null) { args.Add("-s"); args.Add(script); }
        args.Add(url);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        double Latency(string percentile)
        {
            var m = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) return double.NaN;
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }
        long Count(string pattern) => Regex.Match(output, pattern) is { Success: true } m ? long.Parse(m.Groups[1].Value) : 0;
        var rps = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        var errors = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        return new WrkResult(
            rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Latency("50"), Latency("99"),
            Count(@"(\d+) requests in"),
            Count(@"Non-2xx or 3xx responses: (\d+)"),
            errors.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(errors.Groups[i].Value)) : 0);
    }

    public static int Run(string file, string arguments, bool quiet = false)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = quiet, RedirectStandardError = quiet };
        using var process = Process.Start(start)!;
        if (quiet) { process.StandardOutput.ReadToEnd(); process.StandardError.ReadToEnd(); }
        process.WaitForExit();
        return process.ExitCode;
    }
}
