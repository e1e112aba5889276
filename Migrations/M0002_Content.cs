using FluentMigrator;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Migrations;

/// <summary>
/// Kolibri's content tables (channels, nodes, files, local files, tags, languages, assessment metadata, prerequisites,
/// related links, content requests), column for column, so channel databases import as they are.
/// </summary>
[Migration(2)]
public sealed class M0002_Content : Migration
{
    public override void Up()
    {
        Create.Table("content_assessmentmetadata")
            .WithColumn("id").AsString(32).NotNullable().PrimaryKey()
            .WithColumn("assessment_item_ids").AsString(int.MaxValue).NotNullable()
            .WithColumn("number_of_assessments").AsInt32().NotNullable()
            .WithColumn("mastery_model").AsString(int.MaxValue).NotNullable()
            .WithColumn("randomize").AsBoolean().NotNullable()
            .WithColumn("is_manipulable").AsBoolean().NotNullable()
            .WithColumn("contentnode_id").AsString(32).NotNullable();

        Create.Table("content_channelmetadata")
            .WithColumn("id").AsString(32).NotNullable().PrimaryKey()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("description").AsString(400).NotNullable()
            .WithColumn("author").AsString(400).NotNullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("thumbnail").AsString(int.MaxValue).NotNullable()
            .WithColumn("last_updated").AsTimestamp().Nullable()
            .WithColumn("min_schema_version").AsString(50).NotNullable()
            .WithColumn("root_id").AsString(32).NotNullable()
            .WithColumn("published_size").AsInt64().Nullable()
            .WithColumn("total_resource_count").AsInt32().Nullable()
            .WithColumn("order").AsInt32().Nullable()
            .WithColumn("public").AsBoolean().Nullable()
            .WithColumn("tagline").AsString(150).Nullable()
            .WithColumn("partial").AsBoolean().Nullable()
            .WithColumn("included_categories").AsString(int.MaxValue).Nullable()
            .WithColumn("included_grade_levels").AsString(int.MaxValue).Nullable();

        Create.Table("content_channelmetadata_included_languages")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("sort_value").AsInt32().NotNullable()
            .WithColumn("channelmetadata_id").AsString(32).NotNullable()
            .WithColumn("language_id").AsString(14).NotNullable();

        Create.Table("content_contentnode")
            .WithColumn("id").AsString(32).NotNullable().PrimaryKey()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("content_id").AsString(32).NotNullable()
            .WithColumn("channel_id").AsString(32).NotNullable()
            .WithColumn("description").AsString(int.MaxValue).Nullable()
            .WithColumn("sort_order").AsDouble().Nullable()
            .WithColumn("license_owner").AsString(200).NotNullable()
            .WithColumn("author").AsString(200).NotNullable()
            .WithColumn("kind").AsString(200).NotNullable()
            .WithColumn("available").AsBoolean().NotNullable()
            .WithColumn("lft").AsInt32().NotNullable()
            .WithColumn("tree_id").AsInt32().NotNullable()
            .WithColumn("level").AsInt32().NotNullable()
            .WithColumn("lang_id").AsString(14).Nullable()
            .WithColumn("license_description").AsString(int.MaxValue).Nullable()
            .WithColumn("license_name").AsString(50).Nullable()
            .WithColumn("coach_content").AsBoolean().NotNullable()
            .WithColumn("num_coach_contents").AsInt32().Nullable()
            .WithColumn("on_device_resources").AsInt32().Nullable()
            .WithColumn("options").AsString(int.MaxValue).Nullable()
            .WithColumn("accessibility_labels").AsString(int.MaxValue).Nullable()
            .WithColumn("categories").AsString(int.MaxValue).Nullable()
            .WithColumn("duration").AsInt32().Nullable()
            .WithColumn("grade_levels").AsString(int.MaxValue).Nullable()
            .WithColumn("learner_needs").AsString(int.MaxValue).Nullable()
            .WithColumn("learning_activities").AsString(int.MaxValue).Nullable()
            .WithColumn("resource_types").AsString(int.MaxValue).Nullable()
            .WithColumn("accessibility_labels_bitmask_0").AsInt64().Nullable()
            .WithColumn("categories_bitmask_0").AsInt64().Nullable()
            .WithColumn("grade_levels_bitmask_0").AsInt64().Nullable()
            .WithColumn("learner_needs_bitmask_0").AsInt64().Nullable()
            .WithColumn("learning_activities_bitmask_0").AsInt64().Nullable()
            .WithColumn("ancestors").AsString(int.MaxValue).Nullable()
            .WithColumn("admin_imported").AsBoolean().Nullable()
            .WithColumn("rght").AsInt32().NotNullable()
            .WithColumn("parent_id").AsString(32).Nullable();

        Create.Table("content_contentnode_has_prerequisite")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("from_contentnode_id").AsString(32).NotNullable()
            .WithColumn("to_contentnode_id").AsString(32).NotNullable();

        Create.Table("content_contentnode_related")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("from_contentnode_id").AsString(32).NotNullable()
            .WithColumn("to_contentnode_id").AsString(32).NotNullable();

        Create.Table("content_contentnode_tags")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("contentnode_id").AsString(32).NotNullable()
            .WithColumn("contenttag_id").AsString(32).NotNullable();

        Create.Table("content_contentrequest")
            .WithColumn("id").AsString(32).NotNullable().PrimaryKey()
            .WithColumn("source_model").AsString(40).NotNullable()
            .WithColumn("source_id").AsString(32).NotNullable()
            .WithColumn("requested_at").AsTimestamp().NotNullable()
            .WithColumn("type").AsString(8).NotNullable()
            .WithColumn("reason").AsString(14).NotNullable()
            .WithColumn("status").AsString(11).NotNullable()
            .WithColumn("contentnode_id").AsString(32).NotNullable()
            .WithColumn("metadata").AsString(int.MaxValue).Nullable()
            .WithColumn("facility_id").AsString(32).NotNullable()
            .WithColumn("source_instance_id").AsString(32).Nullable();

        Create.Table("content_contenttag")
            .WithColumn("id").AsString(32).NotNullable().PrimaryKey()
            .WithColumn("tag_name").AsString(30).NotNullable();

        Create.Table("content_file")
            .WithColumn("id").AsString(32).NotNullable().PrimaryKey()
            .WithColumn("supplementary").AsBoolean().NotNullable()
            .WithColumn("thumbnail").AsBoolean().NotNullable()
            .WithColumn("priority").AsInt32().Nullable()
            .WithColumn("contentnode_id").AsString(32).NotNullable()
            .WithColumn("lang_id").AsString(14).Nullable()
            .WithColumn("local_file_id").AsString(32).NotNullable()
            .WithColumn("preset").AsString(150).NotNullable();

        Create.Table("content_language")
            .WithColumn("id").AsString(14).NotNullable().PrimaryKey()
            .WithColumn("lang_code").AsString(3).NotNullable()
            .WithColumn("lang_subcode").AsString(10).Nullable()
            .WithColumn("lang_name").AsString(100).Nullable()
            .WithColumn("lang_direction").AsString(3).NotNullable();

        Create.Table("content_localfile")
            .WithColumn("id").AsString(32).NotNullable().PrimaryKey()
            .WithColumn("available").AsBoolean().NotNullable()
            .WithColumn("file_size").AsInt64().Nullable()
            .WithColumn("extension").AsString(40).NotNullable();

        Create.Index("content_assessmentmetadata_contentnode_id").OnTable("content_assessmentmetadata").OnColumn("contentnode_id").Ascending();
        Create.Index("content_channelmetadata_root_id").OnTable("content_channelmetadata").OnColumn("root_id").Ascending();
        Create.Index("content_channelmetadata_included_languages_channelmetadata_id_language_id_uniq").OnTable("content_channelmetadata_included_languages").OnColumn("channelmetadata_id").Ascending().OnColumn("language_id").Ascending().WithOptions().Unique();
        Create.Index("content_channelmetadata_included_languages_channelmetadata_id").OnTable("content_channelmetadata_included_languages").OnColumn("channelmetadata_id").Ascending();
        Create.Index("content_channelmetadata_included_languages_language_id").OnTable("content_channelmetadata_included_languages").OnColumn("language_id").Ascending();
        Create.Index("content_contentnode_content_id").OnTable("content_contentnode").OnColumn("content_id").Ascending();
        Create.Index("content_contentnode_channel_id").OnTable("content_contentnode").OnColumn("channel_id").Ascending();
        Create.Index("content_contentnode_tree_id").OnTable("content_contentnode").OnColumn("tree_id").Ascending();
        Create.Index("content_contentnode_lang_id").OnTable("content_contentnode").OnColumn("lang_id").Ascending();
        Create.Index("content_contentnode_parent_id").OnTable("content_contentnode").OnColumn("parent_id").Ascending();
        Create.Index("content_contentnode_level_channel_id_available_idx").OnTable("content_contentnode").OnColumn("level").Ascending().OnColumn("channel_id").Ascending().OnColumn("available").Ascending();
        Create.Index("content_contentnode_level_channel_id_kind_idx").OnTable("content_contentnode").OnColumn("level").Ascending().OnColumn("channel_id").Ascending().OnColumn("kind").Ascending();
        Create.Index("content_contentnode_has_prerequisite_from_contentnode_id_to_contentnode_id_uniq").OnTable("content_contentnode_has_prerequisite").OnColumn("from_contentnode_id").Ascending().OnColumn("to_contentnode_id").Ascending().WithOptions().Unique();
        Create.Index("content_contentnode_has_prerequisite_from_contentnode_id").OnTable("content_contentnode_has_prerequisite").OnColumn("from_contentnode_id").Ascending();
        Create.Index("content_contentnode_has_prerequisite_to_contentnode_id").OnTable("content_contentnode_has_prerequisite").OnColumn("to_contentnode_id").Ascending();
        Create.Index("content_contentnode_related_from_contentnode_id_to_contentnode_id_uniq").OnTable("content_contentnode_related").OnColumn("from_contentnode_id").Ascending().OnColumn("to_contentnode_id").Ascending().WithOptions().Unique();
        Create.Index("content_contentnode_related_from_contentnode_id").OnTable("content_contentnode_related").OnColumn("from_contentnode_id").Ascending();
        Create.Index("content_contentnode_related_to_contentnode_id").OnTable("content_contentnode_related").OnColumn("to_contentnode_id").Ascending();
        Create.Index("content_contentnode_tags_contentnode_id_contenttag_id_uniq").OnTable("content_contentnode_tags").OnColumn("contentnode_id").Ascending().OnColumn("contenttag_id").Ascending().WithOptions().Unique();
        Create.Index("content_contentnode_tags_contentnode_id").OnTable("content_contentnode_tags").OnColumn("contentnode_id").Ascending();
        Create.Index("content_contentnode_tags_contenttag_id").OnTable("content_contentnode_tags").OnColumn("contenttag_id").Ascending();
        Create.Index("content_contentrequest_type_source_model_source_id_contentnode_id_uniq").OnTable("content_contentrequest").OnColumn("type").Ascending().OnColumn("source_model").Ascending().OnColumn("source_id").Ascending().OnColumn("contentnode_id").Ascending().WithOptions().Unique();
        Create.Index("content_contentrequest_facility_id").OnTable("content_contentrequest").OnColumn("facility_id").Ascending();
        Create.Index("content_file_priority").OnTable("content_file").OnColumn("priority").Ascending();
        Create.Index("content_file_contentnode_id").OnTable("content_file").OnColumn("contentnode_id").Ascending();
        Create.Index("content_file_lang_id").OnTable("content_file").OnColumn("lang_id").Ascending();
        Create.Index("content_file_local_file_id").OnTable("content_file").OnColumn("local_file_id").Ascending();
        Create.Index("content_language_lang_code").OnTable("content_language").OnColumn("lang_code").Ascending();
        Create.Index("content_language_lang_subcode").OnTable("content_language").OnColumn("lang_subcode").Ascending();
    }

    public override void Down()
    {
        foreach (var table in new[]
                 {
                     "content_contentrequest", "content_contentnode_tags", "content_contenttag", "content_contentnode_related",
                     "content_contentnode_has_prerequisite", "content_assessmentmetadata", "content_file", "content_localfile",
                     "content_channelmetadata_included_languages", "content_channelmetadata", "content_contentnode", "content_language",
                 })
            Delete.Table(table);
    }
}
