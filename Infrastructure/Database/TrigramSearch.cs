namespace KolibriSlices.Infrastructure.Database;

/// <summary>
/// The SQL of a substring-search index over some text columns of a table, for a migration to run per dialect.
/// SQLite: an FTS5 trigram table named <c>index</c> over the columns, whose rowids are the table's rowids, kept in step
/// by triggers (also on cascaded deletes and upserts). PostgreSQL: pg_trgm GIN indexes on the lower-cased columns the
/// LIKE conditions compare; where the extension cannot be created (no privilege), search stays correct, unindexed.
/// Queries narrow with <c>t.rowid IN (SELECT rowid FROM index WHERE index MATCH ...)</c> and let the LIKE decide.
/// </summary>
public static class TrigramSearch
{
    /// <summary>The trigram index finds a term only from three characters on; shorter ones are left to the LIKE.</summary>
    public static bool Indexable(string term) => term.EnumerateRunes().Count() >= 3;

    /// <summary>An FTS5 MATCH expression for the terms as literal phrases: all of them, or any with <paramref name="any"/>.</summary>
    public static string Match(IEnumerable<string> terms, bool any = false) =>
        string.Join(any ? " OR " : " AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"") + "\""));

    public static string SqliteCreate(string table, string index, params string[] columns)
    {
        var list = string.Join(", ", columns);
        string Values(string row) => string.Join(", ", columns.Select(c => $"{row}.{c}"));
        var delete = $"INSERT INTO {index} ({index}, rowid, {list}) VALUES ('delete', old.rowid, {Values("old")});";
        var insert = $"INSERT INTO {index} (rowid, {list}) VALUES (new.rowid, {Values("new")});";
        return $"""
            CREATE VIRTUAL TABLE {index} USING fts5({list}, content = '{table}', tokenize = 'trigram');
            CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {insert} END;
            CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {delete} END;
            CREATE TRIGGER {index}_update AFTER UPDATE OF {list} ON {table} BEGIN {delete} {insert} END;
            INSERT INTO {index} ({index}) VALUES ('rebuild');
            """;
    }

    public static string SqliteDrop(string index) => $"""
        DROP TRIGGER {index}_insert;
        DROP TRIGGER {index}_delete;
        DROP TRIGGER {index}_update;
        DROP TABLE {index};
        """;

    public static string PostgresCreate(string table, params string[] columns) => $"""
        DO $$
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            {string.Join("\n    ", columns.Select(c => $"CREATE INDEX {table}_{c}_trgm ON {table} USING gin (LOWER({c}) gin_trgm_ops);"))}
        EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
            RAISE NOTICE 'pg_trgm is not available here: search on {table} works unindexed';
        END $$;
        """;

    public static string PostgresDrop(string table, params string[] columns) =>
        string.Join("\n", columns.Select(c => $"DROP INDEX IF EXISTS {table}_{c}_trgm;"));
}
