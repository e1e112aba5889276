using FluentMigrator.Runner;
using KolibriSlices.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;

namespace KolibriSlices.Tests.Infrastructure.Database;

/// <summary>Every migration's Down undoes its Up, on both engines: down to nothing, then up again. A database of its own.</summary>
public sealed class MigrationTests(KolibriApp app) : IClassFixture<KolibriApp>
{
    private async Task<List<string>> TablesAsync()
    {
        await using var conn = await app.Db.OpenAsync();
        return (await conn.QueryAsync<string>(app.Db.IsSqlite
            ? "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index') AND name NOT LIKE 'sqlite%' ORDER BY name"
            : """
              SELECT tablename FROM pg_tables WHERE schemaname = 'public'
              UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = 'public'
              UNION ALL SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
              UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'kolibrislices%' -- pg_trgm's functions stay with it
              ORDER BY 1
              """))
            .ToList();
    }

    [Fact]
    public async Task Every_migration_goes_down_to_an_empty_schema_and_up_again_to_the_same_one()
    {
        await app.Seed.StandardAsync();
        var migrated = await TablesAsync();
        using var services = DatabaseSetup.MigrationServices(app.Db);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();

        runner.MigrateDown(0);
        Assert.Equal(["UC_Version", "VersionInfo"], (await TablesAsync()).Order(StringComparer.Ordinal));
        runner.MigrateUp();
        Assert.Equal(migrated, await TablesAsync());
    }
}
