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
    private static readonly KeptCount Users = new("kolibrislices_facilityuser_count", "users", "kolibriauth_facilityuser", "facility_id");

    public override void Up()
    {
        IfDatabase("SQLite").Execute.Sql(Users.SqliteUp);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql(Users.PostgresUp);
    }

    public override void Down()
    {
        IfDatabase("SQLite").Execute.Sql(Users.SqliteDown);
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql(Users.PostgresDown);
    }
}
