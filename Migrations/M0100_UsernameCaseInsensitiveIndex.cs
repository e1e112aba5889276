using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// Usernames are unique per facility in any case: creating or renaming a user in a facility of tens of thousands asks
/// <c>facility_id = @f AND LOWER(username) = LOWER(@u)</c>, which the plain username indexes cannot answer.
/// </summary>
[Migration(100)]
public sealed class M0100_UsernameCaseInsensitiveIndex : Migration
{
    public override void Up() =>
        Execute.Sql("CREATE INDEX kolibriauth_facilityuser_facility_lower_username ON kolibriauth_facilityuser (facility_id, LOWER(username))");

    public override void Down() =>
        Execute.Sql("DROP INDEX kolibriauth_facilityuser_facility_lower_username");
}
