using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>The writable dataset fields read from a body onto a row (create and update share them).</summary>
public static class DatasetFields
{
    public static DatasetObject.Row Apply(JsonBody body, DatasetObject.Row row)
    {
        var extraFields = body.Has("extra_fields") ? body.Json("extra_fields")?.ToJsonString() : row.ExtraFields;
        return row with
        {
            LearnerCanEditUsername = body.Bool("learner_can_edit_username") ?? row.LearnerCanEditUsername,
            LearnerCanEditName = body.Bool("learner_can_edit_name") ?? row.LearnerCanEditName,
            LearnerCanEditPassword = body.Bool("learner_can_edit_password") ?? row.LearnerCanEditPassword,
            LearnerCanSignUp = body.Bool("learner_can_sign_up") ?? row.LearnerCanSignUp,
            LearnerCanDeleteAccount = body.Bool("learner_can_delete_account") ?? row.LearnerCanDeleteAccount,
            LearnerCanLoginWithNoPassword = body.Bool("learner_can_login_with_no_password") ?? row.LearnerCanLoginWithNoPassword,
            ShowDownloadButtonInLearn = body.Bool("show_download_button_in_learn") ?? row.ShowDownloadButtonInLearn,
            ExtraFields = body.Has("extra_fields") ? extraFields : row.ExtraFields,
            Description = body.String("description", allowBlank: true) ?? row.Description,
            Location = body.String("location", maxLength: 200, allowBlank: true) ?? row.Location,
            Registered = body.Bool("registered") ?? row.Registered,
            Preset = body.Choice("preset", DatasetPresets.Names) ?? row.Preset,
        };
    }

    public const string UpdateSql = """
        UPDATE kolibriauth_facilitydataset
        SET learner_can_edit_username = @LearnerCanEditUsername, learner_can_edit_name = @LearnerCanEditName,
            learner_can_edit_password = @LearnerCanEditPassword, learner_can_sign_up = @LearnerCanSignUp,
            learner_can_delete_account = @LearnerCanDeleteAccount, learner_can_login_with_no_password = @LearnerCanLoginWithNoPassword,
            show_download_button_in_learn = @ShowDownloadButtonInLearn, extra_fields = @ExtraFields, description = @Description,
            location = @Location, registered = @Registered, preset = @Preset, _morango_dirty_bit = TRUE
        WHERE id = @Id
        """;

    public const string InsertSql = """
        INSERT INTO kolibriauth_facilitydataset
            (id, learner_can_edit_username, learner_can_edit_name, learner_can_edit_password, learner_can_sign_up, learner_can_delete_account,
             learner_can_login_with_no_password, show_download_button_in_learn, extra_fields, description, location, registered, preset)
        VALUES (@Id, @LearnerCanEditUsername, @LearnerCanEditName, @LearnerCanEditPassword, @LearnerCanSignUp, @LearnerCanDeleteAccount,
                @LearnerCanLoginWithNoPassword, @ShowDownloadButtonInLearn, @ExtraFields, @Description, @Location, @Registered, @Preset)
        """;
}
