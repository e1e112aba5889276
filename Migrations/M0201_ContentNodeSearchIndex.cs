using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// Keyword filters and contentnode_search (a substring of title or description) from an index when the words are rare,
/// instead of a LIKE over every node of every channel. SQLite: an FTS5 trigram table over the two columns whose rowids
/// are the nodes' rowids, kept in step by triggers (imports, re-imports, deletes). PostgreSQL: pg_trgm GIN indexes on
/// the lower-cased columns the LIKE compares, where the extension can be created.
/// </summary>
[Migration(201)]
public sealed class M0201_ContentNodeSearchIndex : Migration
{
    public override void Up()
    {
        IfDatabase("SQLite").Execute.Sql("""
            CREATE VIRTUAL TABLE kolibrislices_contentnode_search
                USING fts5(title, description, content = 'content_contentnode', tokenize = 'trigram');
            CREATE TRIGGER kolibrislices_contentnode_search_insert AFTER INSERT ON content_contentnode BEGIN
                INSERT INTO kolibrislices_contentnode_search (rowid, title, description) VALUES (new.rowid, new.title, new.description);
            END;
            CREATE TRIGGER kolibrislices_contentnode_search_delete AFTER DELETE ON content_contentnode BEGIN
                INSERT INTO kolibrislices_contentnode_search (kolibrislices_contentnode_search, rowid, title, description)
                VALUES ('delete', old.rowid, old.title, old.description);
            END;
            CREATE TRIGGER kolibrislices_contentnode_search_update AFTER UPDATE OF title, description ON content_contentnode BEGIN
                INSERT INTO kolibrislices_contentnode_search (kolibrislices_contentnode_search, rowid, title, description)
                VALUES ('delete', old.rowid, old.title, old.description);
                INSERT INTO kolibrislices_contentnode_search (rowid, title, description) VALUES (new.rowid, new.title, new.description);
            END;
            INSERT INTO kolibrislices_contentnode_search (kolibrislices_contentnode_search) VALUES ('rebuild');
            """);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql("""
            DO $$
            BEGIN
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX content_contentnode_title_trgm ON content_contentnode USING gin (LOWER(title) gin_trgm_ops);
                CREATE INDEX content_contentnode_description_trgm ON content_contentnode USING gin (LOWER(description) gin_trgm_ops);
            EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
                RAISE NOTICE 'pg_trgm is not available here: keyword search works unindexed';
            END $$;
            """);
    }

    public override void Down()
    {
        IfDatabase("SQLite").Execute.Sql("""
            DROP TRIGGER kolibrislices_contentnode_search_insert;
            DROP TRIGGER kolibrislices_contentnode_search_delete;
            DROP TRIGGER kolibrislices_contentnode_search_update;
            DROP TABLE kolibrislices_contentnode_search;
            """);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql("""
            DROP INDEX IF EXISTS content_contentnode_title_trgm;
            DROP INDEX IF EXISTS content_contentnode_description_trgm;
            """);
    }
}
