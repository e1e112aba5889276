using Dapper;
using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Infrastructure.Database;

public static class DatabaseSetup
{
    /// <summary>Kolibri's home folder: Kolibri:Home, else KOLIBRI_HOME, else ~/.kolibri-slices.</summary>
    public static string Home(IConfiguration config) =>
        Path.GetFullPath(config["Kolibri:Home"] is { Length: > 0 } home ? home
            : Environment.GetEnvironmentVariable("KOLIBRI_HOME") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kolibri-slices"));

    /// <summary>What the database is made from, read from configuration before the host is built.</summary>
    public sealed record Settings(string? Provider, string? ConnectionString, string Home)
    {
        public static Settings From(IConfiguration config) =>
            new(config["Database:Provider"], config.GetConnectionString("Default"), DatabaseSetup.Home(config));
    }

    /// <summary>
    /// Makes the database, sets Dapper up and brings the schema up to date, on a thread-pool thread: start-up runs it on
    /// another core while it registers the services and builds the host, and awaits it before serving.
    /// </summary>
    public static Task<Db> StartAsync(Settings settings) => Task.Run(async () =>
    {
        ConfigureDapper();
        var db = CreateDb(settings);
        try
        {
            await MigrateAsync(db);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    });

    /// <summary>The database as a singleton, once <see cref="StartAsync"/> is done (by factory, so the container disposes it).</summary>
    public static IServiceCollection AddKolibriDatabase(this IServiceCollection services, Task<Db> database) =>
        services.AddSingleton(_ => database.GetAwaiter().GetResult());

    private static Db CreateDb(Settings settings)
    {
        var provider = (settings.Provider ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"Database:Provider must be 'sqlite' or 'postgres', not '{other}'."),
        };
        var configured = settings.ConnectionString;
        if (provider == DatabaseProvider.Postgres)
            return new Db(provider, configured is { Length: > 0 } pg ? pg
                : throw new InvalidOperationException("Database:Provider=postgres needs ConnectionStrings:Default."));

        string connectionString;
        if (configured is { Length: > 0 })
            connectionString = configured;
        else
        {
            Directory.CreateDirectory(settings.Home);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(settings.Home, "db.sqlite3"),
                Pooling = true,
            }.ToString();
        }
        return new Db(provider, connectionString);
    }

    private static void ConfigureDapper()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new RawJson.Handler());
        ListParameter<string>.Register();
        ListParameter<long>.Register();
        ListParameter<int>.Register();
    }

    /// <summary>Brings the schema up to date (FluentMigrator, in process). Safe to call on every start.</summary>
    private static async Task<long> MigrateAsync(Db db)
    {
        if (db.IsSqlite) CreateSqliteFolder(db.ConnectionString);
        // Starting the migration runner costs more than the rest of start-up: skip it when nothing is pending.
        var known = typeof(DatabaseSetup).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(FluentMigrator.MigrationAttribute), false).FirstOrDefault())
            .OfType<FluentMigrator.MigrationAttribute>().Select(m => m.Version).ToHashSet();
        if (known.IsSubsetOf(await AppliedVersionsAsync(db))) return known.Max();
        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                if (db.IsSqlite) runner.AddSQLite(); else runner.AddPostgres();
                runner.WithGlobalConnectionString(db.ConnectionString)
                    .ScanIn(typeof(DatabaseSetup).Assembly).For.Migrations();
            })
            .BuildServiceProvider(validateScopes: false);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
        runner.MigrateUp();
        return runner.MigrationLoader.LoadMigrations().Keys.DefaultIfEmpty().Max();
    }

    private static async Task<HashSet<long>> AppliedVersionsAsync(Db db)
    {
        await using var conn = await db.OpenAsync();
        // Write-ahead logging (kept in the file, so set once for a new home): readers do not wait for the writer.
        if (db.IsSqlite) await conn.ExecuteAsync("PRAGMA journal_mode = WAL");
        try
        {
            return (await conn.QueryAsync<long>("SELECT \"Version\" FROM \"VersionInfo\"")).ToHashSet();
        }
        catch (System.Data.Common.DbException)
        {
            return []; // no VersionInfo table yet: a new database
        }
    }

    private static void CreateSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder) Directory.CreateDirectory(folder);
    }
}
