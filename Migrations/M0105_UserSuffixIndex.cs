using FluentMigrator;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Migrations;

/// <summary>
/// On SQLite, the user list's <c>search</c> from an index of every suffix of each user's lower-cased username and full
/// name, in place of the trigram index of migration M0102. A term is a substring of a field exactly when some suffix
/// of the field starts with it, so the users a term matches are one range of this index: a search costs what it finds.
/// The trigram index had to merge the lists of trigrams that nearly every username shares (<c>lea</c>, <c>ear</c>,
/// <c>arn</c> of <c>learner…</c>) and then check each candidate with LIKE: at 30,000 users a search matching 1,000 of
/// them spent 1.3 ms in SQL, 0.36 ms from this index.
/// Triggers keep it in step (cascaded deletes included), as they did the trigram index. The suffixes are made by
/// joining a table of the numbers 1 to 1,024 (a trigger cannot use a recursive query): longer than any username (254)
/// or full name (120) Kolibri's columns allow. PostgreSQL keeps its pg_trgm indexes.
/// </summary>
[Migration(105)]
public sealed class M0105_UserSuffixIndex : Migration
{
    private const string Index = "kolibrislices_facilityuser_suffix";
    private const string TrigramIndex = "kolibrislices_facilityuser_search";

    /// <summary>
    /// The (suffix, row_id) pairs of the users <paramref name="user"/> names: the trigger's <c>new</c> or <c>old</c> row,
    /// or, with <paramref name="from"/> <c>"kolibriauth_facilityuser u, "</c>, every user.
    /// </summary>
    private static string Suffixes(string user, string from = "") => $"""
        SELECT substr(lower({user}.username), n) AS suffix, {user}.rowid AS row_id FROM {from}kolibrislices_number WHERE n <= length({user}.username)
        UNION SELECT substr(lower({user}.full_name), n), {user}.rowid FROM {from}kolibrislices_number WHERE n <= length({user}.full_name)
        """;

    private static readonly string InsertSuffixes = $"INSERT OR IGNORE INTO {Index} (suffix, row_id) {Suffixes("new")};";

    // Row id and suffix, so each pair is one primary-key lookup (a row-value IN over the UNION scans the whole table).
    private static readonly string DeleteSuffixes =
        $"DELETE FROM {Index} WHERE row_id = old.rowid AND suffix IN (SELECT suffix FROM ({Suffixes("old")}));";

    public override void Up()
    {
        IfDatabase("SQLite").Execute.Sql($"""
            {TrigramSearch.SqliteDrop(TrigramIndex)}
            CREATE TABLE kolibrislices_number (n INTEGER PRIMARY KEY);
            WITH RECURSIVE numbers (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < 1024)
            INSERT INTO kolibrislices_number (n) SELECT n FROM numbers;
            CREATE TABLE {Index} (suffix TEXT NOT NULL, row_id INTEGER NOT NULL, PRIMARY KEY (suffix, row_id)) WITHOUT ROWID;
            INSERT OR IGNORE INTO {Index} (suffix, row_id) {Suffixes("u", from: "kolibriauth_facilityuser u, ")};
            CREATE TRIGGER {Index}_insert AFTER INSERT ON kolibriauth_facilityuser BEGIN {InsertSuffixes} END;
            CREATE TRIGGER {Index}_delete AFTER DELETE ON kolibriauth_facilityuser BEGIN {DeleteSuffixes} END;
            CREATE TRIGGER {Index}_update AFTER UPDATE OF username, full_name ON kolibriauth_facilityuser BEGIN {DeleteSuffixes} {InsertSuffixes} END;
            """);
    }

    public override void Down()
    {
        IfDatabase("SQLite").Execute.Sql($"""
            DROP TRIGGER {Index}_insert;
            DROP TRIGGER {Index}_delete;
            DROP TRIGGER {Index}_update;
            DROP TABLE {Index};
            DROP TABLE kolibrislices_number;
            {TrigramSearch.SqliteCreate("kolibriauth_facilityuser", TrigramIndex, "username", "full_name")}
            """);
    }
}
