using System.Net;
using KolibriSlices.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Tests.Infrastructure.Database;

/// <summary>
/// A database that cannot serve a request for now is a 503 with <c>Retry-After</c>, as Kolibri answers a locked
/// database, not a 500; nothing is written, and the same request succeeds once the database is back. A database of its own.
/// </summary>
public sealed class DatabaseBusyTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Classrooms = "/api/auth/classroom/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<long> CountAsync(string name) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection WHERE name = @name", new { name });

    private static async Task AssertBusyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("The database is busy. Try again in a moment.", (string?)(await response.JsonAsync(HttpStatusCode.ServiceUnavailable))["detail"]);
    }

    [Fact]
    public async Task A_write_while_another_process_holds_sqlites_write_lock_is_a_503_after_the_busy_timeout()
    {
        if (KolibriApp.IsPostgres) return; // SQLite's one writer; PostgreSQL's refused connections are the next test
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(app.Home, "db.sqlite3")};Pooling=False"))
        {
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE";
            await command.ExecuteNonQueryAsync();

            await AssertBusyAsync(await admin.PostAsync(Classrooms, new { name = "Locked out", parent = Known.Facility }));
            command.CommandText = "ROLLBACK";
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal(0, await CountAsync("Locked out"));
        await admin.PostAsync(Classrooms, new { name = "Locked out", parent = Known.Facility }).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_request_postgresql_refuses_a_connection_for_is_a_503()
    {
        if (!KolibriApp.IsPostgres) return; // SQLite opens a file
        using var admin = await app.LoginAsync("admin", Known.Facility);
        await app.RefuseConnectionsAsync(true);
        try
        {
            await AssertBusyAsync(await admin.PostAsync(Classrooms, new { name = "Refused", parent = Known.Facility }));
            await AssertBusyAsync(await admin.GetAsync(Classrooms));
        }
        finally
        {
            await app.RefuseConnectionsAsync(false);
        }
        Assert.Equal(0, await CountAsync("Refused"));
        await admin.PostAsync(Classrooms, new { name = "Refused", parent = Known.Facility }).JsonAsync(HttpStatusCode.Created);
    }
}
