using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>
/// A facility dataset's 13 stored fields in Kolibri's wire order: nested in every facility, and the body of the
/// dataset endpoints (which add their computed fields after these).
/// </summary>
public record StoredDataset
{
    public const string Columns = """
        d.id, d.learner_can_edit_username, d.learner_can_edit_name, d.learner_can_edit_password, d.learner_can_sign_up,
        d.learner_can_delete_account, d.learner_can_login_with_no_password, d.show_download_button_in_learn, d.extra_fields,
        d.description, d.location, d.registered, d.preset
        """;

    public required string Id { get; init; }
    public required bool LearnerCanEditUsername { get; init; }
    public required bool LearnerCanEditName { get; init; }
    public required bool LearnerCanEditPassword { get; init; }
    public required bool LearnerCanSignUp { get; init; }
    public required bool LearnerCanDeleteAccount { get; init; }
    public required bool LearnerCanLoginWithNoPassword { get; init; }
    public required bool ShowDownloadButtonInLearn { get; init; }
    public RawJson? ExtraFields { get; init; }
    public required string Description { get; init; }
    public required string Location { get; init; }
    public required bool Registered { get; init; }
    public required string Preset { get; init; }
}
