using FluentMigrator;

namespace KolibriSlices.Migrations;

/// <summary>
/// What the content API and the channel importer need beyond Kolibri's own columns: MPTT indexes so tree reads cost
/// what the page holds (not what the channel holds), the device-wide content cache key behind ETags, and tag names
/// wider than Django's 30 characters (Kolibri's SQLite never enforced it and channels carry longer ones).
/// </summary>
[Migration(200)]
public sealed class M0200_ContentIndexes : Migration
{
    public override void Up()
    {
        Create.Index("content_contentnode_tree_id_lft").OnTable("content_contentnode").OnColumn("tree_id").Ascending().OnColumn("lft").Ascending();
        Create.Index("content_contentnode_parent_id_lft").OnTable("content_contentnode").OnColumn("parent_id").Ascending().OnColumn("lft").Ascending();
        Create.Index("content_contentnode_lft_id").OnTable("content_contentnode").OnColumn("lft").Ascending().OnColumn("id").Ascending();
        Create.Index("content_contentnode_channel_id_kind").OnTable("content_contentnode").OnColumn("channel_id").Ascending().OnColumn("kind").Ascending();
        Create.Index("content_channelmetadata_order").OnTable("content_channelmetadata").OnColumn("order").Ascending();

        Create.Table("content_cachekey")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey()
            .WithColumn("key").AsString(40).NotNullable();
        Insert.IntoTable("content_cachekey").Row(new { id = 1, key = "1" });

        IfDatabase("Postgres", "PostgreSQL").Execute.Sql("ALTER TABLE content_contenttag ALTER COLUMN tag_name TYPE text");
    }

    public override void Down()
    {
        Delete.Table("content_cachekey");
        Delete.Index("content_channelmetadata_order").OnTable("content_channelmetadata");
        Delete.Index("content_contentnode_channel_id_kind").OnTable("content_contentnode");
        Delete.Index("content_contentnode_lft_id").OnTable("content_contentnode");
        Delete.Index("content_contentnode_parent_id_lft").OnTable("content_contentnode");
        Delete.Index("content_contentnode_tree_id_lft").OnTable("content_contentnode");
    }
}
