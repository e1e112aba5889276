namespace KolibriSlices.Migrations;

/// <summary>
/// A table of how many rows of <paramref name="Source"/> each value of its <paramref name="Key"/> column has (the
/// column of the same name in <paramref name="Table"/>), filled from the rows there are and kept by triggers on every
/// insert, delete (cascades included) and change of the key. Lists take their totals from it instead of counting.
/// </summary>
public sealed record KeptCount(string Table, string Count, string Source, string Key)
{
    private string Fill => $"INSERT INTO {Table} ({Key}, {Count}) SELECT {Key}, COUNT(*) FROM {Source} GROUP BY {Key};";

    public string SqliteUp => $"""
        CREATE TABLE {Table} ({Key} VARCHAR(32) NOT NULL PRIMARY KEY, {Count} INTEGER NOT NULL);
        {Fill}
        CREATE TRIGGER {Table}_insert AFTER INSERT ON {Source} BEGIN
            INSERT INTO {Table} ({Key}, {Count}) VALUES (new.{Key}, 1)
            ON CONFLICT ({Key}) DO UPDATE SET {Count} = {Count} + 1;
        END;
        CREATE TRIGGER {Table}_delete AFTER DELETE ON {Source} BEGIN
            UPDATE {Table} SET {Count} = {Count} - 1 WHERE {Key} = old.{Key};
        END;
        CREATE TRIGGER {Table}_move AFTER UPDATE OF {Key} ON {Source}
        WHEN old.{Key} IS NOT new.{Key} BEGIN
            UPDATE {Table} SET {Count} = {Count} - 1 WHERE {Key} = old.{Key};
            INSERT INTO {Table} ({Key}, {Count}) VALUES (new.{Key}, 1)
            ON CONFLICT ({Key}) DO UPDATE SET {Count} = {Count} + 1;
        END;
        """;

    public string PostgresUp => $"""
        CREATE TABLE {Table} ({Key} VARCHAR(32) NOT NULL PRIMARY KEY, {Count} BIGINT NOT NULL);
        {Fill}
        CREATE FUNCTION {Table}_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                UPDATE {Table} SET {Count} = {Count} - 1 WHERE {Key} = OLD.{Key};
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO {Table} ({Key}, {Count}) VALUES (NEW.{Key}, 1)
                ON CONFLICT ({Key}) DO UPDATE SET {Count} = {Table}.{Count} + 1;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER {Table}_insert_delete AFTER INSERT OR DELETE ON {Source}
            FOR EACH ROW EXECUTE FUNCTION {Table}_change();
        CREATE TRIGGER {Table}_move AFTER UPDATE OF {Key} ON {Source}
            FOR EACH ROW WHEN (OLD.{Key} IS DISTINCT FROM NEW.{Key}) EXECUTE FUNCTION {Table}_change();
        """;

    public string SqliteDown => $"""
        DROP TRIGGER {Table}_insert;
        DROP TRIGGER {Table}_delete;
        DROP TRIGGER {Table}_move;
        DROP TABLE {Table};
        """;

    public string PostgresDown => $"""
        DROP TRIGGER {Table}_insert_delete ON {Source};
        DROP TRIGGER {Table}_move ON {Source};
        DROP FUNCTION {Table}_change();
        DROP TABLE {Table};
        """;
}
