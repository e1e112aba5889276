using FluentMigrator;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Migrations;

/// <summary>
/// The user list's <c>search</c> (a substring of username or full name) from a trigram index instead of a scan of
/// every user (see <see cref="TrigramSearch"/>).
/// </summary>
[Migration(102)]
public sealed class M0102_UserSearchIndex : Migration
{
    private const string Table = "kolibriauth_facilityuser";
    private const string Index = "kolibrislices_facilityuser_search";
    private static readonly string[] Columns = ["username", "full_name"];

    public override void Up()
    {
        IfDatabase("SQLite").Execute.Sql(TrigramSearch.SqliteCreate(Table, Index, Columns));
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql(TrigramSearch.PostgresCreate(Table, Columns));
    }

    public override void Down()
    {
        IfDatabase("SQLite").Execute.Sql(TrigramSearch.SqliteDrop(Index));
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql(TrigramSearch.PostgresDrop(Table, Columns));
    }
}
