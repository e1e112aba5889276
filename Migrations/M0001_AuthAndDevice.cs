using FluentMigrator;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Migrations;

/// <summary>Facilities, users, collections, roles, device settings and server-side sessions (Kolibri's table names).</summary>
[Migration(1)]
public sealed class M0001_AuthAndDevice : Migration
{
    public override void Up()
    {
        // SQLite's BINARY collation under the same name on PostgreSQL, so `COLLATE "BINARY"` orders alike on both.
        IfDatabase("Postgres", "PostgreSQL").Execute.Sql("CREATE COLLATION IF NOT EXISTS \"BINARY\" (provider = libc, locale = 'C')");

        Create.Table("kolibriauth_facilitydataset").WithSyncableColumns()
            .WithColumn("description").AsString(int.MaxValue).NotNullable().WithDefaultValue("")
            .WithColumn("location").AsString(200).NotNullable().WithDefaultValue("")
            .WithColumn("learner_can_edit_username").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("learner_can_edit_name").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("learner_can_edit_password").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("learner_can_sign_up").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("learner_can_delete_account").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("learner_can_login_with_no_password").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("preset").AsString(50).NotNullable().WithDefaultValue("nonformal")
            .WithColumn("show_download_button_in_learn").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("registered").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("extra_fields").AsString(int.MaxValue).Nullable();

        Create.Table("kolibriauth_collection").WithSyncableColumns()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("kind").AsString(20).NotNullable()
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_collection_dataset", "kolibriauth_facilitydataset", "id")
            .WithColumn("parent_id").AsString(32).Nullable().ForeignKey("fk_collection_parent", "kolibriauth_collection", "id").OnDelete(System.Data.Rule.Cascade);
        Create.Index("kolibriauth_collection_dataset_id").OnTable("kolibriauth_collection").OnColumn("dataset_id");
        Create.Index("kolibriauth_collection_parent_id").OnTable("kolibriauth_collection").OnColumn("parent_id").Ascending().OnColumn("kind").Ascending();
        Create.Index("kolibriauth_collection_kind").OnTable("kolibriauth_collection").OnColumn("kind");

        Create.Table("kolibriauth_facilityuser").WithSyncableColumns()
            .WithColumn("password").AsString(128).NotNullable()
            .WithColumn("last_login").AsTimestamp().Nullable()
            .WithColumn("username").AsString(254).NotNullable()
            .WithColumn("full_name").AsString(120).NotNullable().WithDefaultValue("")
            .WithColumn("date_joined").AsTimestamp().NotNullable()
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_facilityuser_dataset", "kolibriauth_facilitydataset", "id")
            .WithColumn("facility_id").AsString(32).NotNullable().ForeignKey("fk_facilityuser_facility", "kolibriauth_collection", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("birth_year").AsString(16).NotNullable().WithDefaultValue("")
            .WithColumn("gender").AsString(16).NotNullable().WithDefaultValue("")
            .WithColumn("id_number").AsString(64).NotNullable().WithDefaultValue("")
            .WithColumn("extra_demographics").AsString(int.MaxValue).Nullable();
        Create.Index("kolibriauth_facilityuser_dataset_id").OnTable("kolibriauth_facilityuser").OnColumn("dataset_id");
        Create.Index("kolibriauth_facilityuser_facility_username").OnTable("kolibriauth_facilityuser")
            .OnColumn("facility_id").Ascending().OnColumn("username").Ascending();
        Create.Index("kolibriauth_facilityuser_username").OnTable("kolibriauth_facilityuser").OnColumn("username");

        Create.Table("kolibriauth_membership").WithSyncableColumns()
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_membership_collection", "kolibriauth_collection", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_membership_dataset", "kolibriauth_facilitydataset", "id")
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_membership_user", "kolibriauth_facilityuser", "id").OnDelete(System.Data.Rule.Cascade);
        Create.Index("kolibriauth_membership_collection_id").OnTable("kolibriauth_membership").OnColumn("collection_id").Ascending().OnColumn("user_id").Ascending();
        Create.Index("kolibriauth_membership_dataset_id").OnTable("kolibriauth_membership").OnColumn("dataset_id");
        Create.Index("kolibriauth_membership_user_id_collection_id_uniq").OnTable("kolibriauth_membership")
            .OnColumn("user_id").Ascending().OnColumn("collection_id").Ascending().WithOptions().Unique();

        Create.Table("kolibriauth_role").WithSyncableColumns()
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_role_collection", "kolibriauth_collection", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_role_dataset", "kolibriauth_facilitydataset", "id")
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_role_user", "kolibriauth_facilityuser", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("kind").AsString(26).NotNullable();
        Create.Index("kolibriauth_role_user_id_collection_id_kind_uniq").OnTable("kolibriauth_role")
            .OnColumn("user_id").Ascending().OnColumn("collection_id").Ascending().OnColumn("kind").Ascending().WithOptions().Unique();
        Create.Index("kolibriauth_role_collection_id").OnTable("kolibriauth_role").OnColumn("collection_id");
        Create.Index("kolibriauth_role_dataset_id").OnTable("kolibriauth_role").OnColumn("dataset_id");

        Create.Table("device_devicepermissions")
            .WithColumn("user_id").AsString(32).NotNullable().PrimaryKey().ForeignKey("fk_devicepermissions_user", "kolibriauth_facilityuser", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("is_superuser").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("can_manage_content").AsBoolean().NotNullable().WithDefaultValue(false);

        Create.Table("device_devicesettings")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey()
            .WithColumn("is_provisioned").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("language_id").AsString(15).Nullable()
            .WithColumn("default_facility_id").AsString(32).Nullable().ForeignKey("fk_devicesettings_facility", "kolibriauth_collection", "id").OnDelete(System.Data.Rule.SetNull)
            .WithColumn("allow_guest_access").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("allow_learner_unassigned_resource_access").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("allow_peer_unlisted_channel_import").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("landing_page").AsString(7).NotNullable().WithDefaultValue("sign-in")
            .WithColumn("name").AsString(50).NotNullable().WithDefaultValue("")
            .WithColumn("allow_other_browsers_to_connect").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("subset_of_users_device").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("extra_settings").AsString(int.MaxValue).NotNullable()
                .WithDefaultValue("{\"allow_download_on_metered_connection\": false, \"enable_automatic_download\": true}");

        Create.Table("device_osuser")
            .WithColumn("user_id").AsString(32).NotNullable().PrimaryKey().ForeignKey("fk_osuser_user", "kolibriauth_facilityuser", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("os_username").AsString(64).NotNullable().Indexed("device_osuser_os_username");

        Create.Table("device_usersyncstatus")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("sync_session_id").AsString(32).Nullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("updated").AsTimestamp().NotNullable()
            .WithColumn("user_id").AsString(32).NotNullable().Unique("device_usersyncstatus_user_id").ForeignKey("fk_usersyncstatus_user", "kolibriauth_facilityuser", "id").OnDelete(System.Data.Rule.Cascade);

        // Not Kolibri's: server-side sessions in the database, so several app servers share them.
        Create.Table("kolibrislices_session")
            .WithColumn("session_key").AsString(40).NotNullable().PrimaryKey()
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_session_user", "kolibriauth_facilityuser", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("auth_hash").AsString(64).NotNullable()
            .WithColumn("expire_at").AsInt64().NotNullable();
        Create.Index("kolibrislices_session_user_id").OnTable("kolibrislices_session").OnColumn("user_id");
        Create.Index("kolibrislices_session_expire_at").OnTable("kolibrislices_session").OnColumn("expire_at");

        // Not Kolibri's: values fixed per installation (instance id), shared by every app server.
        Create.Table("kolibrislices_instance")
            .WithColumn("key").AsString(64).NotNullable().PrimaryKey()
            .WithColumn("value").AsString(int.MaxValue).NotNullable();
        Insert.IntoTable("kolibrislices_instance").Row(new { key = "instance_id", value = Guid.NewGuid().ToString("N") });
    }

    public override void Down()
    {
        foreach (var table in new[]
                 {
                     "kolibrislices_instance", "kolibrislices_session", "device_usersyncstatus", "device_osuser",
                     "device_devicesettings", "device_devicepermissions", "kolibriauth_role", "kolibriauth_membership",
                     "kolibriauth_facilityuser", "kolibriauth_collection", "kolibriauth_facilitydataset",
                 })
            Delete.Table(table);
    }
}
