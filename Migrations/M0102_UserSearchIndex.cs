using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// The user list's <c>search</c> (a substring of username or full name) from an index instead of a scan of every user.
/// SQLite: an FTS5 trigram table over the two columns whose rowids are the users' rowids, kept in step by triggers
/// (also on cascaded deletes). PostgreSQL: pg_trgm GIN indexes on the lower-cased columns the LIKE compares; where the
/// extension cannot be created (no privilege), the search stays correct, only unindexed.
/// </summary>
[Migration(102)]
public sealed class M0102_UserSearchIndex : Migration
{
    public override void Up()
    {
        IfDatabase("SQLite").Execute.Sql("""
            CREATE VIRTUAL TABLE kolibrislices_facilityuser_search
                USING fts5(username, full_name, content = 'kolibriauth_facilityuser', tokenize = 'trigram');
            CREATE TRIGGER kolibrislices_facilityuser_search_insert AFTER INSERT ON kolibriauth_facilityuser BEGIN
                INSERT INTO kolibrislices_facilityuser_search (rowid, username, full_name) VALUES (new.rowid, new.username, new.full_name);
            END;
            CREATE TRIGGER kolibrislices_facilityuser_search_delete AFTER DELETE ON kolibriauth_facilityuser BEGIN
                INSERT INTO kolibrislices_facilityuser_search (kolibrislices_facilityuser_search, rowid, username, full_name)
                VALUES ('delete', old.rowid, old.username, old.full_name);
            END;
            CREATE TRIGGER kolibrislices_facilityuser_search_update AFTER UPDATE OF username, full_name ON kolibriauth_facilityuser BEGIN
                INSERT INTO kolibrislices_facilityuser_search (kolibrislices_facilityuser_search, rowid, username, full_name)
                VALUES ('delete', old.rowid, old.username, old.full_name);
                INSERT INTO kolibrislices_facilityuser_search (rowid, username, full_name) VALUES (new.rowid, new.username, new.full_name);
            END;
            INSERT INTO kolibrislices_facilityuser_search (kolibrislices_facilityuser_search) VALUES ('rebuild');
            """);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql("""
            DO $$
            BEGIN
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX kolibriauth_facilityuser_username_trgm ON kolibriauth_facilityuser USING gin (LOWER(username) gin_trgm_ops);
                CREATE INDEX kolibriauth_facilityuser_full_name_trgm ON kolibriauth_facilityuser USING gin (LOWER(full_name) gin_trgm_ops);
            EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
                RAISE NOTICE 'pg_trgm is not available here: user search works unindexed';
            END $$;
            """);
    }

    public override void Down()
    {
        IfDatabase("SQLite").Execute.Sql("""
            DROP TRIGGER kolibrislices_facilityuser_search_insert;
            DROP TRIGGER kolibrislices_facilityuser_search_delete;
            DROP TRIGGER kolibrislices_facilityuser_search_update;
            DROP TABLE kolibrislices_facilityuser_search;
            """);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql("""
            DROP INDEX IF EXISTS kolibriauth_facilityuser_username_trgm;
            DROP INDEX IF EXISTS kolibriauth_facilityuser_full_name_trgm;
            """);
    }
}
