using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using KolibriSlices.Features.Content.ImportChannel;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Tests.Infrastructure.Content;
using Npgsql;

namespace KolibriSlices.Tests.Infrastructure;

/// <summary>
/// The real server on a fresh database of its own: a temporary SQLite file, or (KOLIBRI_TEST_DATABASE=postgres) a new
/// PostgreSQL database made from KOLIBRI_TEST_PG and dropped afterwards. One per test class (IClassFixture).
/// </summary>
public sealed class KolibriApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "password";

    private readonly string _home = Path.Combine(Path.GetTempPath(), "kolibri-slices-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgresDatabase;
    private readonly string? _postgresAdmin;

    public KolibriApp()
    {
        Directory.CreateDirectory(_home);
        if (IsPostgres)
        {
            _postgresAdmin = Environment.GetEnvironmentVariable("KOLIBRI_TEST_PG")
                ?? "Host=127.0.0.1;Username=kolibri;Password=kolibri;Database=postgres";
            _postgresDatabase = "ks_test_" + Guid.NewGuid().ToString("N");
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var admin = new NpgsqlConnection(_postgresAdmin);
                    admin.Open();
                    using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", admin);
                    create.ExecuteNonQuery();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
                {
                    Thread.Sleep(100 * attempt); // template1 busy with another class's CREATE DATABASE
                }
            }
        }
    }

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("KOLIBRI_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public string Home => _home;
    public TestClock Clock { get; } = new();
    public Db Db => Services.GetRequiredService<Db>();
    public Seed Seed => _seed ??= new Seed(this);
    private Seed? _seed;

    public string ConnectionString => _postgresDatabase is null
        ? $"Data Source={Path.Combine(_home, "db.sqlite3")};Pooling=True"
        : new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresDatabase }.ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Kolibri:Home", _home);
        builder.UseSetting("Database:Provider", IsPostgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Auth:PasswordIterations", "1000");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Whether a channel of this id is on the device.</summary>
    public async Task<bool> HasChannelAsync(string id) =>
        await Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_channelmetadata WHERE id = @id", new { id }) > 0;

    /// <summary>
    /// Builds <paramref name="channel"/> under this home (once) and imports it with its files through the real
    /// importchannel verb.
    /// </summary>
    public async Task ImportAsync(SyntheticChannel channel, bool force = false)
    {
        var source = Path.Combine(Home, "source-" + channel.ChannelId);
        if (!Directory.Exists(source)) channel.Build(source);
        Assert.Equal(0, await ImportChannelVerb.RunAsync(channel.ChannelId, source, Services, withFiles: true, force: force));
    }

    /// <summary>
    /// PostgreSQL only: the test database refuses new connections and drops the ones it has (<paramref name="refuse"/>),
    /// or takes them again.
    /// </summary>
    public async Task RefuseConnectionsAsync(bool refuse)
    {
        await using var admin = new NpgsqlConnection(_postgresAdmin);
        await admin.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE {_postgresDatabase} CONNECTION LIMIT {(refuse ? 0 : -1)}", admin);
        await alter.ExecuteNonQueryAsync();
        if (!refuse) return;
        await using var drop = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db", admin);
        drop.Parameters.AddWithValue("db", _postgresDatabase!);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A client with its own cookie jar that sends the CSRF header on unsafe requests, as Kolibri's front end does.</summary>
    public ApiClient Anonymous(bool sendCsrf = true)
    {
        var cookies = new CookieContainer();
        var client = CreateDefaultClient(new CsrfHeaderHandler(cookies, sendCsrf), new CookieContainerHandler(cookies));
        return new ApiClient(client, cookies);
    }

    /// <summary>Logged in as <paramref name="username"/> (password <see cref="Password"/>).</summary>
    public async Task<ApiClient> LoginAsync(string username, string? facility = null, string password = Password)
    {
        var client = Anonymous();
        using var response = await client.PostAsync("/api/auth/session/", new { username, password, facility });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Login as {username} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    private readonly SemaphoreSlim _standard = new(1, 1);
    private bool _standardSeeded;

    /// <summary>Seeds <see cref="Seed.StandardAsync"/> once for this database; tests that change it add rows of their own.</summary>
    public async Task StandardAsync()
    {
        await _standard.WaitAsync();
        try
        {
            if (!_standardSeeded) await Seed.StandardAsync();
            _standardSeeded = true;
        }
        finally { _standard.Release(); }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            // Dropping can meet another class's CREATE/DROP DATABASE; a test database left behind harms nothing.
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                try
                {
                    await using var admin = new NpgsqlConnection(_postgresAdmin);
                    await admin.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (attempt < 5)
                {
                    Console.Error.WriteLine($"Dropping {_postgresDatabase} failed ({e.SqlState}: {e.MessageText}); trying again.");
                    await Task.Delay(200 * attempt);
                }
                catch (PostgresException e)
                {
                    Console.Error.WriteLine($"Left test database {_postgresDatabase} behind: {e.SqlState}: {e.MessageText}");
                }
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_home, recursive: true); } catch (IOException) { }
    }

    private sealed class CsrfHeaderHandler(CookieContainer cookies, bool sendCsrf) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (sendCsrf && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && !request.Headers.Contains("X-CSRFToken")
                && cookies.GetCookies(new Uri("http://localhost/"))["kolibri_csrftoken"] is { } token)
                request.Headers.Add("X-CSRFToken", token.Value);
            return base.SendAsync(request, ct);
        }
    }
}

public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
