using FluentMigrator;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Migrations;

/// <summary>
/// A substring-search index over some text columns of a table, per dialect (see <see cref="TrigramSearch"/>): an FTS5
/// trigram table named <paramref name="index"/> kept by triggers on SQLite, pg_trgm GIN indexes on PostgreSQL.
/// </summary>
public abstract class TrigramSearchMigration(string table, string index, params string[] columns) : Migration
{
    public override void Up()
    {
        IfDatabase("SQLite").Execute.Sql(TrigramSearch.SqliteCreate(table, index, columns));
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql(TrigramSearch.PostgresCreate(table, columns));
    }

    public override void Down()
    {
        IfDatabase("SQLite").Execute.Sql(TrigramSearch.SqliteDrop(index));
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql(TrigramSearch.PostgresDrop(table, columns));
    }
}
