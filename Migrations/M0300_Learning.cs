using System.Data;
using FluentMigrator;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Migrations;

/// <summary>
/// Learning activity: bookmarks, quizzes, lessons, progress logs (Kolibri's table names) and the coach notification
/// tables Kolibri keeps in a separate database. Deleting a user removes their logs and bookmarks and detaches what they
/// created or assigned; deleting a collection removes its lessons, quizzes and assignments; deleting a lesson or quiz
/// removes its assignments.
/// </summary>
[Migration(300)]
public sealed class M0300_Learning : Migration
{
    private const string Dataset = "kolibriauth_facilitydataset";
    private const string Collection = "kolibriauth_collection";
    private const string User = "kolibriauth_facilityuser";
    // FluentMigrator's SQLite double is NUMERIC, which hands 7.0 back as the integer 7; this spelling is REAL there and
    // float8 on PostgreSQL.
    private const string Float = "DOUBLE PRECISION";

    public override void Up()
    {
        Create.Table("bookmarks_bookmark").WithSyncableColumns()
            .WithColumn("content_id").AsString(32).Nullable()
            .WithColumn("channel_id").AsString(32).Nullable()
            .WithColumn("contentnode_id").AsString(32).NotNullable()
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_bookmark_dataset", Dataset, "id")
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_bookmark_user", User, "id").OnDelete(Rule.Cascade)
            .WithColumn("created").AsTimestamp().NotNullable();

        Create.Table("exams_draftexam")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("question_count").AsInt32().NotNullable()
            .WithColumn("question_sources").AsString(int.MaxValue).NotNullable()
            .WithColumn("seed").AsInt32().NotNullable().WithDefaultValue(1)
            .WithColumn("learners_see_fixed_order").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("data_model_version").AsInt16().NotNullable().WithDefaultValue(3)
            .WithColumn("date_created").AsTimestamp().Nullable()
            .WithColumn("assignments").AsString(int.MaxValue).NotNullable()
            .WithColumn("learner_ids").AsString(int.MaxValue).NotNullable()
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_draftexam_collection", Collection, "id").OnDelete(Rule.Cascade)
            .WithColumn("creator_id").AsString(32).Nullable().ForeignKey("fk_draftexam_creator", User, "id").OnDelete(Rule.SetNull);

        Create.Table("exams_exam").WithSyncableColumns()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("question_count").AsInt32().NotNullable()
            .WithColumn("question_sources").AsString(int.MaxValue).NotNullable()
            .WithColumn("seed").AsInt32().NotNullable().WithDefaultValue(1)
            .WithColumn("active").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("archive").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_exam_collection", Collection, "id").OnDelete(Rule.Cascade)
            .WithColumn("creator_id").AsString(32).Nullable().ForeignKey("fk_exam_creator", User, "id").OnDelete(Rule.SetNull)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_exam_dataset", Dataset, "id")
            .WithColumn("data_model_version").AsInt16().NotNullable().WithDefaultValue(3)
            .WithColumn("learners_see_fixed_order").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("date_archived").AsTimestamp().Nullable()
            .WithColumn("date_activated").AsTimestamp().Nullable()
            .WithColumn("date_created").AsTimestamp().NotNullable();

        Create.Table("exams_examassignment").WithSyncableColumns()
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_examassignment_collection", Collection, "id").OnDelete(Rule.Cascade)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_examassignment_dataset", Dataset, "id")
            .WithColumn("exam_id").AsString(32).NotNullable().ForeignKey("fk_examassignment_exam", "exams_exam", "id").OnDelete(Rule.Cascade)
            .WithColumn("assigned_by_id").AsString(32).Nullable().ForeignKey("fk_examassignment_assigned_by", User, "id").OnDelete(Rule.SetNull);

        Create.Table("exams_individualsyncableexam").WithSyncableColumns()
            .WithColumn("exam_id").AsString(32).NotNullable()
            .WithColumn("serialized_exam").AsString(int.MaxValue).NotNullable()
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_individualexam_collection", Collection, "id").OnDelete(Rule.Cascade)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_individualexam_dataset", Dataset, "id")
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_individualexam_user", User, "id").OnDelete(Rule.Cascade);

        Create.Table("lessons_individualsyncablelesson").WithSyncableColumns()
            .WithColumn("lesson_id").AsString(32).NotNullable()
            .WithColumn("serialized_lesson").AsString(int.MaxValue).NotNullable()
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_individuallesson_collection", Collection, "id").OnDelete(Rule.Cascade)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_individuallesson_dataset", Dataset, "id")
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_individuallesson_user", User, "id").OnDelete(Rule.Cascade);

        Create.Table("lessons_lesson").WithSyncableColumns()
            .WithColumn("description").AsString(200).NotNullable().WithDefaultValue("")
            .WithColumn("resources").AsString(int.MaxValue).NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_lesson_collection", Collection, "id").OnDelete(Rule.Cascade)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_lesson_dataset", Dataset, "id")
            .WithColumn("title").AsString(50).NotNullable()
            .WithColumn("date_created").AsTimestamp().NotNullable()
            .WithColumn("created_by_id").AsString(32).Nullable().ForeignKey("fk_lesson_created_by", User, "id").OnDelete(Rule.SetNull);

        Create.Table("lessons_lessonassignment").WithSyncableColumns()
            .WithColumn("collection_id").AsString(32).NotNullable().ForeignKey("fk_lessonassignment_collection", Collection, "id").OnDelete(Rule.Cascade)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_lessonassignment_dataset", Dataset, "id")
            .WithColumn("lesson_id").AsString(32).NotNullable().ForeignKey("fk_lessonassignment_lesson", "lessons_lesson", "id").OnDelete(Rule.Cascade)
            .WithColumn("assigned_by_id").AsString(32).Nullable().ForeignKey("fk_lessonassignment_assigned_by", User, "id").OnDelete(Rule.SetNull);

        Create.Table("logger_contentsessionlog").WithSyncableColumns()
            .WithColumn("content_id").AsString(32).NotNullable()
            .WithColumn("start_timestamp").AsTimestamp().NotNullable()
            .WithColumn("end_timestamp").AsTimestamp().Nullable()
            .WithColumn("time_spent").AsCustom(Float).NotNullable().WithDefaultValue(0)
            .WithColumn("progress").AsCustom(Float).NotNullable().WithDefaultValue(0)
            .WithColumn("kind").AsString(200).NotNullable()
            .WithColumn("extra_fields").AsString(int.MaxValue).NotNullable().WithDefaultValue("{}")
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_sessionlog_dataset", Dataset, "id")
            .WithColumn("user_id").AsString(32).Nullable().ForeignKey("fk_sessionlog_user", User, "id").OnDelete(Rule.Cascade)
            .WithColumn("visitor_id").AsString(32).Nullable()
            .WithColumn("channel_id").AsString(32).Nullable();

        Create.Table("logger_contentsummarylog").WithSyncableColumns()
            .WithColumn("content_id").AsString(32).NotNullable()
            .WithColumn("start_timestamp").AsTimestamp().NotNullable()
            .WithColumn("end_timestamp").AsTimestamp().Nullable()
            .WithColumn("completion_timestamp").AsTimestamp().Nullable()
            .WithColumn("time_spent").AsCustom(Float).NotNullable().WithDefaultValue(0)
            .WithColumn("progress").AsCustom(Float).NotNullable().WithDefaultValue(0)
            .WithColumn("kind").AsString(200).NotNullable()
            .WithColumn("extra_fields").AsString(int.MaxValue).NotNullable().WithDefaultValue("{}")
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_summarylog_dataset", Dataset, "id")
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_summarylog_user", User, "id").OnDelete(Rule.Cascade)
            .WithColumn("channel_id").AsString(32).Nullable();

        Create.Table("logger_masterylog").WithSyncableColumns()
            .WithColumn("mastery_criterion").AsString(int.MaxValue).NotNullable()
            .WithColumn("start_timestamp").AsTimestamp().NotNullable()
            .WithColumn("end_timestamp").AsTimestamp().Nullable()
            .WithColumn("completion_timestamp").AsTimestamp().Nullable()
            .WithColumn("mastery_level").AsInt32().NotNullable()
            .WithColumn("complete").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_masterylog_dataset", Dataset, "id")
            .WithColumn("summarylog_id").AsString(32).NotNullable().ForeignKey("fk_masterylog_summarylog", "logger_contentsummarylog", "id").OnDelete(Rule.Cascade)
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_masterylog_user", User, "id").OnDelete(Rule.Cascade)
            .WithColumn("time_spent").AsCustom(Float).Nullable();

        Create.Table("logger_attemptlog").WithSyncableColumns()
            .WithColumn("item").AsString(200).NotNullable()
            .WithColumn("start_timestamp").AsTimestamp().NotNullable()
            .WithColumn("end_timestamp").AsTimestamp().NotNullable()
            .WithColumn("completion_timestamp").AsTimestamp().Nullable()
            .WithColumn("time_spent").AsCustom(Float).NotNullable().WithDefaultValue(0)
            .WithColumn("complete").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("correct").AsCustom(Float).NotNullable()
            .WithColumn("hinted").AsBoolean().NotNullable().WithDefaultValue(false)
            .WithColumn("answer").AsString(int.MaxValue).Nullable()
            .WithColumn("simple_answer").AsString(200).NotNullable().WithDefaultValue("")
            .WithColumn("interaction_history").AsString(int.MaxValue).NotNullable().WithDefaultValue("[]")
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_attemptlog_dataset", Dataset, "id")
            .WithColumn("masterylog_id").AsString(32).Nullable().ForeignKey("fk_attemptlog_masterylog", "logger_masterylog", "id").OnDelete(Rule.Cascade)
            .WithColumn("sessionlog_id").AsString(32).NotNullable().ForeignKey("fk_attemptlog_sessionlog", "logger_contentsessionlog", "id").OnDelete(Rule.Cascade)
            .WithColumn("user_id").AsString(32).Nullable().ForeignKey("fk_attemptlog_user", User, "id").OnDelete(Rule.Cascade)
            .WithColumn("error").AsBoolean().NotNullable().WithDefaultValue(false);

        Create.Table("logger_examlog").WithSyncableColumns()
            .WithColumn("closed").AsBoolean().NotNullable()
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_examlog_dataset", Dataset, "id")
            .WithColumn("exam_id").AsString(32).NotNullable().ForeignKey("fk_examlog_exam", "exams_exam", "id").OnDelete(Rule.Cascade)
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_examlog_user", User, "id").OnDelete(Rule.Cascade)
            .WithColumn("completion_timestamp").AsTimestamp().Nullable();

        Create.Table("logger_examattemptlog").WithSyncableColumns()
            .WithColumn("item").AsString(200).NotNullable()
            .WithColumn("start_timestamp").AsTimestamp().NotNullable()
            .WithColumn("end_timestamp").AsTimestamp().NotNullable()
            .WithColumn("completion_timestamp").AsTimestamp().Nullable()
            .WithColumn("time_spent").AsCustom(Float).NotNullable()
            .WithColumn("complete").AsBoolean().NotNullable()
            .WithColumn("correct").AsCustom(Float).NotNullable()
            .WithColumn("hinted").AsBoolean().NotNullable()
            .WithColumn("answer").AsString(int.MaxValue).Nullable()
            .WithColumn("simple_answer").AsString(200).NotNullable()
            .WithColumn("interaction_history").AsString(int.MaxValue).NotNullable()
            .WithColumn("content_id").AsString(32).NotNullable()
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_examattemptlog_dataset", Dataset, "id")
            .WithColumn("examlog_id").AsString(32).NotNullable().ForeignKey("fk_examattemptlog_examlog", "logger_examlog", "id").OnDelete(Rule.Cascade)
            .WithColumn("user_id").AsString(32).Nullable().ForeignKey("fk_examattemptlog_user", User, "id").OnDelete(Rule.Cascade)
            .WithColumn("error").AsBoolean().NotNullable();

        Create.Table("logger_generatecsvlogrequest")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("selected_end_date").AsTimestamp().Nullable()
            .WithColumn("date_requested").AsTimestamp().NotNullable()
            .WithColumn("log_type").AsString(7).NotNullable()
            .WithColumn("facility_id").AsString(32).NotNullable().ForeignKey("fk_csvlogrequest_facility", Collection, "id").OnDelete(Rule.Cascade)
            .WithColumn("selected_start_date").AsTimestamp().Nullable();

        Create.Table("logger_usersessionlog").WithSyncableColumns()
            .WithColumn("channels").AsString(int.MaxValue).NotNullable().WithDefaultValue("")
            .WithColumn("start_timestamp").AsTimestamp().NotNullable()
            .WithColumn("last_interaction_timestamp").AsTimestamp().Nullable()
            .WithColumn("pages").AsString(int.MaxValue).NotNullable().WithDefaultValue("")
            .WithColumn("dataset_id").AsString(32).NotNullable().ForeignKey("fk_usersessionlog_dataset", Dataset, "id")
            .WithColumn("user_id").AsString(32).NotNullable().ForeignKey("fk_usersessionlog_user", User, "id").OnDelete(Rule.Cascade)
            .WithColumn("device_info").AsString(100).Nullable();

        // Kolibri keeps these in its notifications database: not synced, no foreign keys, cleaned up by the API.
        Create.Table("notifications_learnerprogressnotification")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("notification_object").AsString(200).NotNullable()
            .WithColumn("notification_event").AsString(200).NotNullable()
            .WithColumn("user_id").AsString(32).NotNullable()
            .WithColumn("classroom_id").AsString(32).NotNullable()
            .WithColumn("assignment_collections").AsString(int.MaxValue).NotNullable().WithDefaultValue("[]")
            .WithColumn("contentnode_id").AsString(32).Nullable()
            .WithColumn("lesson_id").AsString(32).Nullable()
            .WithColumn("quiz_id").AsString(32).Nullable()
            .WithColumn("quiz_num_correct").AsInt32().Nullable()
            .WithColumn("quiz_num_answered").AsInt32().Nullable()
            .WithColumn("reason").AsString(200).NotNullable().WithDefaultValue("")
            .WithColumn("timestamp").AsTimestamp().NotNullable();

        Create.Table("notifications_notificationslog")
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey().Identity()
            .WithColumn("coach_id").AsString(32).NotNullable()
            .WithColumn("timestamp").AsTimestamp().NotNullable();

        Unique("bookmarks_bookmark", "user_id", "contentnode_id");
        Unique("exams_examassignment", "exam_id", "collection_id");
        Unique("lessons_lessonassignment", "lesson_id", "collection_id");
        Unique("logger_contentsummarylog", "user_id", "content_id");
        Unique("logger_masterylog", "summarylog_id", "mastery_level");

        Index("exams_draftexam", "collection_id");
        Index("exams_exam", "collection_id");
        Index("exams_examassignment", "collection_id");
        Index("lessons_lesson", "collection_id");
        Index("lessons_lessonassignment", "collection_id");
        Index("logger_contentsessionlog", "content_id");
        Index("logger_contentsessionlog", "user_id", "content_id");
        Index("logger_contentsummarylog", "content_id");
        Index("logger_contentsummarylog", "user_id", "end_timestamp");
        Index("logger_masterylog", "user_id");
        Index("logger_attemptlog", "masterylog_id", "item");
        Index("logger_attemptlog", "sessionlog_id", "item");
        Index("logger_attemptlog", "user_id");
        Index("logger_examlog", "exam_id");
        Index("logger_examattemptlog", "examlog_id");
        Index("logger_generatecsvlogrequest", "facility_id", "log_type");
        Index("logger_usersessionlog", "user_id");
        Index("notifications_learnerprogressnotification", "classroom_id", "timestamp");
        Index("notifications_learnerprogressnotification", "lesson_id");
        Index("notifications_learnerprogressnotification", "quiz_id");
    }

    private void Unique(string table, params string[] columns) => Index(table, columns, unique: true);

    private void Index(string table, params string[] columns) => Index(table, columns, unique: false);

    private void Index(string table, string[] columns, bool unique)
    {
        var index = Create.Index($"{table}_{string.Join("_", columns)}{(unique ? "_uniq" : "")}").OnTable(table);
        foreach (var column in columns) index.OnColumn(column).Ascending();
        if (unique) index.WithOptions().Unique();
    }

    public override void Down()
    {
        foreach (var table in new[]
                 {
                     "notifications_notificationslog", "notifications_learnerprogressnotification", "logger_usersessionlog",
                     "logger_generatecsvlogrequest", "logger_examattemptlog", "logger_examlog", "logger_attemptlog",
                     "logger_masterylog", "logger_contentsummarylog", "logger_contentsessionlog", "lessons_lessonassignment",
                     "lessons_lesson", "lessons_individualsyncablelesson", "exams_individualsyncableexam",
                     "exams_examassignment", "exams_exam", "exams_draftexam", "bookmarks_bookmark",
                 })
            Delete.Table(table);
    }
}
