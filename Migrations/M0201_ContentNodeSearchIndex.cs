using FluentMigrator;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Migrations;

/// <summary>
/// Keyword filters and contentnode_search (a substring of title or description) from a trigram index when the words
/// are rare, instead of a LIKE over every node of every channel (see <see cref="TrigramSearch"/>; the triggers follow
/// imports, re-imports and deletes).
/// </summary>
[Migration(201)]
public sealed class M0201_ContentNodeSearchIndex : Migration
{
    private const string Table = "content_contentnode";
    private const string Index = "kolibrislices_contentnode_search";
    private static readonly string[] Columns = ["title", "description"];

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
