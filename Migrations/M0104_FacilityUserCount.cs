using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// The number of users of each facility, kept by triggers on every insert, delete (cascades included) and move between
/// facilities. A page of the whole user list then counts its total from a few rows instead of reading every user's
/// index entry (the count was most of the page's cost at 30,000 users, on PostgreSQL a scan of the table).
/// </summary>
[Migration(104)]
public sealed class M0104_FacilityUserCount : Migration
{
    private const string Fill = """
        INSERT INTO kolibrislices_facilityuser_count (facility_id, users)
        SELECT facility_id, COUNT(*) FROM kolibriauth_facilityuser GROUP BY facility_id;
        """;

    public override void Up()
    {
        IfDatabase("SQLite").Execute.Sql($"""
            CREATE TABLE kolibrislices_facilityuser_count (facility_id VARCHAR(32) NOT NULL PRIMARY KEY, users INTEGER NOT NULL);
            {Fill}
            CREATE TRIGGER kolibrislices_facilityuser_count_insert AFTER INSERT ON kolibriauth_facilityuser BEGIN
                INSERT INTO kolibrislices_facilityuser_count (facility_id, users) VALUES (new.facility_id, 1)
                ON CONFLICT (facility_id) DO UPDATE SET users = users + 1;
            END;
            CREATE TRIGGER kolibrislices_facilityuser_count_delete AFTER DELETE ON kolibriauth_facilityuser BEGIN
                UPDATE kolibrislices_facilityuser_count SET users = users - 1 WHERE facility_id = old.facility_id;
            END;
            CREATE TRIGGER kolibrislices_facilityuser_count_move AFTER UPDATE OF facility_id ON kolibriauth_facilityuser
            WHEN old.facility_id IS NOT new.facility_id BEGIN
                UPDATE kolibrislices_facilityuser_count SET users = users - 1 WHERE facility_id = old.facility_id;
                INSERT INTO kolibrislices_facilityuser_count (facility_id, users) VALUES (new.facility_id, 1)
                ON CONFLICT (facility_id) DO UPDATE SET users = users + 1;
            END;
            """);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql($"""
            CREATE TABLE kolibrislices_facilityuser_count (facility_id VARCHAR(32) NOT NULL PRIMARY KEY, users BIGINT NOT NULL);
            {Fill}
            CREATE FUNCTION kolibrislices_facilityuser_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('DELETE', 'UPDATE') THEN
                    UPDATE kolibrislices_facilityuser_count SET users = users - 1 WHERE facility_id = OLD.facility_id;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    INSERT INTO kolibrislices_facilityuser_count (facility_id, users) VALUES (NEW.facility_id, 1)
                    ON CONFLICT (facility_id) DO UPDATE SET users = kolibrislices_facilityuser_count.users + 1;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER kolibrislices_facilityuser_count_insert_delete AFTER INSERT OR DELETE ON kolibriauth_facilityuser
                FOR EACH ROW EXECUTE FUNCTION kolibrislices_facilityuser_count_change();
            CREATE TRIGGER kolibrislices_facilityuser_count_move AFTER UPDATE OF facility_id ON kolibriauth_facilityuser
                FOR EACH ROW WHEN (OLD.facility_id IS DISTINCT FROM NEW.facility_id)
                EXECUTE FUNCTION kolibrislices_facilityuser_count_change();
            """);
    }

    public override void Down()
    {
        IfDatabase("SQLite").Execute.Sql("""
            DROP TRIGGER kolibrislices_facilityuser_count_insert;
            DROP TRIGGER kolibrislices_facilityuser_count_delete;
            DROP TRIGGER kolibrislices_facilityuser_count_move;
            DROP TABLE kolibrislices_facilityuser_count;
            """);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql("""
            DROP TRIGGER kolibrislices_facilityuser_count_insert_delete ON kolibriauth_facilityuser;
            DROP TRIGGER kolibrislices_facilityuser_count_move ON kolibriauth_facilityuser;
            DROP FUNCTION kolibrislices_facilityuser_count_change();
            DROP TABLE kolibrislices_facilityuser_count;
            """);
    }
}
