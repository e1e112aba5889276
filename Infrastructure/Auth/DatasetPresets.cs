using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>
/// A facility dataset's presets and the learner settings each implies, applied when a facility is created with a preset
/// and by <c>resetsettings</c>.
/// </summary>
public static class DatasetPresets
{
    public static readonly string[] Names = ["formal", "nonformal", "informal"];

    /// <summary>A new dataset's <c>extra_fields</c>.</summary>
    public const string DefaultExtraFields = """{"facility": {}, "on_my_own_setup": false, "pin_code": ""}""";

    private const string DeviceExtraSettingsSql = "SELECT extra_settings FROM device_devicesettings WHERE id = 1";

    /// <summary>A new facility's <c>extra_fields</c>: the defaults, with the device's default demographic schema if one is set.</summary>
    public static async Task<string> NewExtraFieldsAsync(DbConn conn)
    {
        var settings = await conn.ExecuteScalarAsync<string?>(DeviceExtraSettingsSql);
        JsonNode? schema;
        try
        {
            schema = settings is null ? null : (JsonNode.Parse(settings) as JsonObject)?["default_demographic_field_schema"];
        }
        catch (JsonException)
        {
            schema = null;
        }
        if (schema is not JsonArray) return DefaultExtraFields;
        var fields = JsonNode.Parse(DefaultExtraFields)!.AsObject();
        fields["demographic_fields"] = schema.DeepClone();
        return fields.ToJsonString();
    }

    public sealed record Settings
    {
        public required bool LearnerCanEditUsername { get; init; }
        public required bool LearnerCanEditName { get; init; }
        public required bool LearnerCanEditPassword { get; init; }
        public required bool LearnerCanSignUp { get; init; }
        public required bool LearnerCanDeleteAccount { get; init; }
        public required bool LearnerCanLoginWithNoPassword { get; init; }
        public required bool ShowDownloadButtonInLearn { get; init; }
    }

    /// <summary>Formal schools sign learners in without passwords and lock their accounts; the others are open.</summary>
    public static Settings For(string preset)
    {
        var open = preset != "formal";
        return new Settings
        {
            LearnerCanEditUsername = open, LearnerCanEditName = open, LearnerCanEditPassword = open, LearnerCanSignUp = open,
            LearnerCanDeleteAccount = open, LearnerCanLoginWithNoPassword = !open, ShowDownloadButtonInLearn = open,
        };
    }

    /// <summary>Writes the preset and its settings to dataset <c>@id</c>; parameters: <see cref="Parameters"/>.</summary>
    public const string ApplySql = """
        UPDATE kolibriauth_facilitydataset
        SET preset = @preset, learner_can_edit_username = @LearnerCanEditUsername, learner_can_edit_name = @LearnerCanEditName,
            learner_can_edit_password = @LearnerCanEditPassword, learner_can_sign_up = @LearnerCanSignUp,
            learner_can_delete_account = @LearnerCanDeleteAccount, learner_can_login_with_no_password = @LearnerCanLoginWithNoPassword,
            show_download_button_in_learn = @ShowDownloadButtonInLearn, _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    public static object Parameters(string datasetId, string preset)
    {
        var s = For(preset);
        return new
        {
            id = datasetId, preset, s.LearnerCanEditUsername, s.LearnerCanEditName, s.LearnerCanEditPassword, s.LearnerCanSignUp,
            s.LearnerCanDeleteAccount, s.LearnerCanLoginWithNoPassword, s.ShowDownloadButtonInLearn,
        };
    }
}
