using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace KolibriSlices.Bench;

/// <summary>The published binary running on a home, on a loopback port, and logged-in sessions against it.</summary>
public sealed class Server : IAsyncDisposable
{
    private readonly Process _process;
    public string BaseUrl { get; }
    public double StartupMs { get; }

    private Server(Process process, string baseUrl, double startupMs)
    {
        _process = process;
        BaseUrl = baseUrl;
        StartupMs = startupMs;
    }

    public static async Task<Server> StartAsync(string binary, string home, int port = 18480)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { $"--Kolibri:Home={home}", "--urls", url, "--Logging:LogLevel:Default=Warning" }) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(url + "/api/public/info/");
                if (response.IsSuccessStatusCode) return new Server(process, url, clock.Elapsed.TotalMilliseconds);
            }
            catch (HttpRequestException) { }
            if (process.HasExited) throw new InvalidOperationException("the server exited at start");
            await Task.Delay(5);
        }
        process.Kill();
        throw new TimeoutException("the server did not answer within 60 s");
    }

    /// <summary>Peak resident memory so far (VmHWM), in MB.</summary>
    public double PeakMemoryMb()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>CPU time the server has used so far (user and system), in seconds.</summary>
    public double CpuSeconds()
    {
        _process.Refresh();
        return _process.TotalProcessorTime.TotalSeconds;
    }

    public async Task<Session> LoginAsync(string username, string password, string facility)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(BaseUrl) };
        using var response = await http.PostAsJsonAsync("/api/auth/session/", new { username, password, facility });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"login {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var jar = cookies.GetCookies(new Uri(BaseUrl));
        var session = new Session(http, jar["kolibri"]!.Value, jar["kolibri_csrftoken"]!.Value);
        http.DefaultRequestHeaders.Add("X-CSRFToken", session.Csrf);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

public sealed record Session(HttpClient Http, string Key, string Csrf)
{
    public string[] Headers => [$"Cookie: kolibri={Key}; kolibri_csrftoken={Csrf}", $"X-CSRFToken: {Csrf}"];
}
