using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// What a page of classrooms counts, kept by triggers as migration M0104 keeps the users of each facility: the members
/// of each collection (a classroom's <c>learner_count</c>) and the classrooms of each facility (the page's total). At
/// 1,200 classrooms of 25 learners, counting them again for each page was 70 µs of a 50-classroom page's 200 µs of SQL.
/// Memberships and classrooms that move follow, cascaded deletes are counted, and a deleted collection's rows go.
/// </summary>
[Migration(106)]
public sealed class M0106_ClassroomCounts : Migration
{
    private static readonly KeptCount Members = new("kolibrislices_collection_members", "members", "kolibriauth_membership", "collection_id");
    private const string Classrooms = "kolibrislices_facility_classrooms";

    private const string Fill = $"""
        INSERT INTO {Classrooms} (facility_id, classrooms)
        SELECT parent_id, COUNT(*) FROM kolibriauth_collection WHERE kind = 'classroom' AND parent_id IS NOT NULL GROUP BY parent_id;
        """;

    public override void Up()
    {
        IfDatabase("SQLite").Execute.Sql(Members.SqliteUp);
        IfDatabase("SQLite").Execute.Sql($"""
            CREATE TABLE {Classrooms} (facility_id VARCHAR(32) NOT NULL PRIMARY KEY, classrooms INTEGER NOT NULL);
            {Fill}
            CREATE TRIGGER {Classrooms}_insert AFTER INSERT ON kolibriauth_collection
            WHEN new.kind = 'classroom' AND new.parent_id IS NOT NULL BEGIN
                INSERT INTO {Classrooms} (facility_id, classrooms) VALUES (new.parent_id, 1)
                ON CONFLICT (facility_id) DO UPDATE SET classrooms = classrooms + 1;
            END;
            CREATE TRIGGER {Classrooms}_delete AFTER DELETE ON kolibriauth_collection BEGIN
                UPDATE {Classrooms} SET classrooms = classrooms - 1 WHERE old.kind = 'classroom' AND facility_id = old.parent_id;
                DELETE FROM {Members.Table} WHERE collection_id = old.id;
                DELETE FROM {Classrooms} WHERE facility_id = old.id;
            END;
            CREATE TRIGGER {Classrooms}_move AFTER UPDATE OF kind, parent_id ON kolibriauth_collection
            WHEN (old.kind = 'classroom' OR new.kind = 'classroom')
             AND (old.kind IS NOT new.kind OR old.parent_id IS NOT new.parent_id) BEGIN
                UPDATE {Classrooms} SET classrooms = classrooms - 1 WHERE old.kind = 'classroom' AND facility_id = old.parent_id;
                INSERT INTO {Classrooms} (facility_id, classrooms)
                SELECT new.parent_id, 1 WHERE new.kind = 'classroom' AND new.parent_id IS NOT NULL
                ON CONFLICT (facility_id) DO UPDATE SET classrooms = classrooms + 1;
            END;
            """);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql(Members.PostgresUp);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql($"""
            CREATE TABLE {Classrooms} (facility_id VARCHAR(32) NOT NULL PRIMARY KEY, classrooms BIGINT NOT NULL);
            {Fill}
            CREATE FUNCTION {Classrooms}_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.kind = 'classroom' THEN
                    UPDATE {Classrooms} SET classrooms = classrooms - 1 WHERE facility_id = OLD.parent_id;
                END IF;
                IF TG_OP = 'DELETE' THEN
                    DELETE FROM {Members.Table} WHERE collection_id = OLD.id;
                    DELETE FROM {Classrooms} WHERE facility_id = OLD.id;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.kind = 'classroom' AND NEW.parent_id IS NOT NULL THEN
                    INSERT INTO {Classrooms} (facility_id, classrooms) VALUES (NEW.parent_id, 1)
                    ON CONFLICT (facility_id) DO UPDATE SET classrooms = {Classrooms}.classrooms + 1;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER {Classrooms}_insert_delete AFTER INSERT OR DELETE ON kolibriauth_collection
                FOR EACH ROW EXECUTE FUNCTION {Classrooms}_change();
            CREATE TRIGGER {Classrooms}_move AFTER UPDATE OF kind, parent_id ON kolibriauth_collection
                FOR EACH ROW WHEN ((OLD.kind = 'classroom' OR NEW.kind = 'classroom')
                                   AND (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.parent_id IS DISTINCT FROM NEW.parent_id))
                EXECUTE FUNCTION {Classrooms}_change();
            """);
    }

    public override void Down()
    {
        IfDatabase("SQLite").Execute.Sql($"""
            DROP TRIGGER {Classrooms}_insert;
            DROP TRIGGER {Classrooms}_delete;
            DROP TRIGGER {Classrooms}_move;
            DROP TABLE {Classrooms};
            """);
        IfDatabase("SQLite").Execute.Sql(Members.SqliteDown);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql($"""
            DROP TRIGGER {Classrooms}_insert_delete ON kolibriauth_collection;
            DROP TRIGGER {Classrooms}_move ON kolibriauth_collection;
            DROP FUNCTION {Classrooms}_change();
            DROP TABLE {Classrooms};
            """);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql(Members.PostgresDown);
    }
}
