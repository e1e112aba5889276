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

    public static Db CreateDb(IConfiguration config)
    {
        var provider = (config["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"Database:Provider must be 'sqlite' or 'postgres', not '{other}'."),
        };
        var configured = config.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres)
            return new Db(provider, configured is { Length: > 0 } pg ? pg
                : throw new InvalidOperationException("Database:Provider=postgres needs ConnectionStrings:Default."));

        string connectionString;
        if (configured is { Length: > 0 })
            connectionString = configured;
        else
        {
            var home = Home(config);
            Directory.CreateDirectory(home);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(home, "db.sqlite3"),
                Pooling = true,
            }.ToString();
        }
        return new Db(provider, connectionString);
    }

    /// <summary>Dapper's settings and the database as a singleton (registered by factory, so the container disposes it).</summary>
    public static IServiceCollection AddKolibriDatabase(this IServiceCollection services, Db db)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new RawJson.Handler());
        ListParameter<string>.Register();
        ListParameter<long>.Register();
        ListParameter<int>.Register();
        services.AddSingleton(_ => db);
        return services;
    }

    /// <summary>Brings the schema up to date (FluentMigrator, in process). Safe to call on every start.</summary>
    public static async Task<long> MigrateAsync(Db db)
    {
        if (db.IsSqlite) PrepareSqliteFile(db.ConnectionString);
        // Starting the migration runner costs more than the rest of start-up: skip it when nothing is pending.
        var known = typeof(DatabaseSetup).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(FluentMigrator.MigrationAttribute), false).FirstOrDefault())
            .OfType<FluentMigrator.MigrationAttribute>().Select(m => m.Version).ToHashSet();
        if (known.IsSubsetOf(await AppliedVersionsAsync(db))) return known.Max();
        using var services = MigrationServices(db);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
        runner.MigrateUp();
        return runner.MigrationLoader.LoadMigrations().Keys.DefaultIfEmpty().Max();
    }

    /// <summary>FluentMigrator's runner for <paramref name="db"/> with this assembly's migrations (resolve it in a scope).</summary>
    public static ServiceProvider MigrationServices(Db db) => new ServiceCollection()
        .AddFluentMigratorCore()
        .ConfigureRunner(runner =>
        {
            if (db.IsSqlite) runner.AddSQLite(); else runner.AddPostgres();
            runner.WithGlobalConnectionString(db.ConnectionString)
                .ScanIn(typeof(DatabaseSetup).Assembly).For.Migrations();
        })
        .BuildServiceProvider(validateScopes: false);

    private static async Task<HashSet<long>> AppliedVersionsAsync(Db db)
    {
        try
        {
            await using var conn = await db.OpenAsync();
            return (await conn.QueryAsync<long>("SELECT \"Version\" FROM \"VersionInfo\"")).ToHashSet();
        }
        catch (System.Data.Common.DbException)
        {
            return []; // no VersionInfo table yet: a new database
        }
    }

    private static void PrepareSqliteFile(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL;";
        pragma.ExecuteNonQuery();
    }
}
