using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>
/// A facility user's writable fields as Kolibri validates them, shared by facilityuser create/update and both signups:
/// <see cref="ReadAsync"/> is the field-level pass (before the permission check), <see cref="ValidateAsync"/> the
/// object-level one (uniqueness in the facility, NOT_SPECIFIED passwords, the facility's demographic schema).
/// </summary>
public static partial class UserFields
{
    public const int UsernameMaxLength = 30;
    public static readonly string[] Genders = ["MALE", "FEMALE", "NOT_SPECIFIED", "DEFERRED"];

    public sealed record Input
    {
        public string? Username { get; init; }
        public string? Password { get; init; }
        public Facility? Facility { get; init; }
        public string? FullName { get; init; }
        public string? IdNumber { get; init; }
        public string? Gender { get; init; }
        public string? BirthYear { get; init; }
        public bool HasExtraDemographics { get; init; }
        /// <summary>The JSON text to store, or null.</summary>
        public string? ExtraDemographics { get; init; }
    }

    public sealed record Facility
    {
        public required string Id { get; init; }
        public required string DatasetId { get; init; }
        public required bool LearnerCanLoginWithNoPassword { get; init; }
        public required bool LearnerCanEditPassword { get; init; }
        public required bool LearnerCanSignUp { get; init; }
        public string? ExtraFields { get; init; }

        /// <summary>Where a password may be left <c>NOT_SPECIFIED</c>: learners sign in without one and cannot set one.</summary>
        public bool Passwordless => LearnerCanLoginWithNoPassword && !LearnerCanEditPassword;
    }

    private const string FacilitySql = """
        SELECT f.id, f.dataset_id, d.learner_can_login_with_no_password, d.learner_can_edit_password, d.learner_can_sign_up, d.extra_fields
        FROM kolibriauth_collection f JOIN kolibriauth_facilitydataset d ON d.id = f.dataset_id
        WHERE f.id = @id AND f.kind = 'facility'
        """;

    private const string DefaultFacilitySql = "SELECT default_facility_id FROM device_devicesettings WHERE id = 1";

    private const string TakenSql = """
        SELECT COUNT(*) FROM kolibriauth_facilityuser
        WHERE facility_id = @facilityId AND LOWER(username) = LOWER(@username) AND id <> @exceptId
        """;

    private const string InsertSql = """
        INSERT INTO kolibriauth_facilityuser
            (id, password, username, full_name, date_joined, dataset_id, facility_id, birth_year, gender, id_number, extra_demographics)
        VALUES (@id, @password, @username, @fullName, @dateJoined, @datasetId, @facilityId, @birthYear, @gender, @idNumber, @extraDemographics)
        """;

    [GeneratedRegex("""^[^\s`~!@#$%^&*()\-+={}\[\]|\\/:;"'<>,.?]+$""")]
    private static partial Regex UsernameChars();

    public static Task<Facility?> FacilityAsync(DbConn conn, string id) => conn.QuerySingleOrDefaultAsync<Facility>(FacilitySql, new { id });

    /// <summary>
    /// Field-level validation. On create the username and password are required and the facility defaults to the
    /// device's default facility; on update (<paramref name="body"/> partial for PATCH) only what is sent is read.
    /// </summary>
    public static async Task<Input> ReadAsync(JsonBody body, DbConn conn, bool creating)
    {
        var username = body.String("username", required: true);
        if (username is not null)
        {
            if (!UsernameChars().IsMatch(username))
                body.AddError("INVALID", "username", "Enter a valid username. This value can contain only letters, numbers, and underscores.");
            if (username.Length > UsernameMaxLength)
                body.AddError("MAX_LENGTH", "username", "Required. 30 characters or fewer. Letters and digits only");
        }
        var password = body.String("password", required: true, maxLength: 128);
        var fullName = body.String("full_name", maxLength: 120, allowBlank: true);
        var idNumber = body.String("id_number", maxLength: 64, allowBlank: true);
        var gender = body.Choice("gender", Genders, allowBlank: true);
        var birthYear = ReadBirthYear(body);
        var (hasDemographics, demographics) = ReadDemographics(body);
        var facility = await ReadFacilityAsync(body, conn, creating);
        return new Input
        {
            Username = username, Password = password, Facility = facility, FullName = fullName, IdNumber = idNumber,
            Gender = gender, BirthYear = birthYear, HasExtraDemographics = hasDemographics, ExtraDemographics = demographics,
        };
    }

    private static string? ReadBirthYear(JsonBody body)
    {
        var text = body.String("birth_year", maxLength: 16, allowBlank: true);
        if (text is null or "" or "NOT_SPECIFIED" or "DEFERRED") return text;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, null, out var year) && year is >= 1900 and <= 3000) return text;
        body.AddError("INVALID", "birth_year", "Enter a year between 1900 and 3000, NOT_SPECIFIED or DEFERRED.");
        return null;
    }

    private static (bool Has, string? Json) ReadDemographics(JsonBody body)
    {
        if (!body.Has("extra_demographics")) return (false, null);
        var node = body.Json("extra_demographics");
        if (node is null) return (true, null);
        if (node is JsonObject) return (true, node.ToJsonString());
        body.AddError("INVALID", "extra_demographics", "Extra demographics must be an object.");
        return (true, null);
    }

    private static async Task<Facility?> ReadFacilityAsync(JsonBody body, DbConn conn, bool creating)
    {
        string? id;
        if (!body.Has("facility"))
        {
            if (!creating) return null;
            id = await conn.ExecuteScalarAsync<string?>(DefaultFacilitySql);
            if (id is null)
            {
                body.AddError("REQUIRED", "facility", "This field is required.");
                return null;
            }
        }
        else
        {
            var node = body.Object["facility"];
            if (node is null)
            {
                body.AddError("NULL", "facility", "This field may not be null.");
                return null;
            }
            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                body.AddError("INCORRECT_TYPE", "facility", $"Incorrect type. Expected pk value, received {JsonBody.DrfTypeName(node)}.");
                return null;
            }
            id = Ids.Normalize(value.GetValue<string>());
        }
        if (id is not null && await FacilityAsync(conn, id) is { } facility) return facility;
        body.AddError("DOES_NOT_EXIST", "facility", "Facility does not exist.");
        return null;
    }

    /// <summary>
    /// Object-level validation against the user's facility: the username is free there (any case; <paramref name="exceptId"/>
    /// is the user being edited), a <c>NOT_SPECIFIED</c> password is allowed, demographics fit the facility's schema.
    /// </summary>
    public static async Task<IResult?> ValidateAsync(DbConn conn, Input input, Facility facility, string? exceptId = null)
    {
        var errors = new List<KolibriError>();
        if (input.Username is not null
            && await conn.ExecuteScalarAsync<long>(TakenSql, new { facilityId = facility.Id, username = input.Username, exceptId = exceptId ?? "" }) > 0)
            errors.Add(KolibriError.Field("USERNAME_ALREADY_EXISTS", "non_field_errors", "An account with that username already exists."));
        if (input.Password == Passwords.NotSpecified && !facility.Passwordless)
            errors.Add(KolibriError.Field("PASSWORD_NOT_SPECIFIED", "non_field_errors", "No password specified and it is required"));
        if (input.ExtraDemographics is not null && DemographicsError(input.ExtraDemographics, facility.ExtraFields) is { } message)
            errors.Add(KolibriError.Field("INVALID", "extra_demographics", message));
        return errors.Count > 0 ? KolibriErrors.Invalid(errors) : null;
    }

    /// <summary>Each key must be a field id of the facility's <c>demographic_fields</c>, each value one of its enum values.</summary>
    private static string? DemographicsError(string json, string? extraFields)
    {
        var values = JsonNode.Parse(json)!.AsObject();
        if (values.Count == 0) return null;
        var schema = new Dictionary<string, HashSet<string>>();
        if (extraFields is not null && JsonNode.Parse(extraFields) is JsonObject fields && fields["demographic_fields"] is JsonArray list)
            foreach (var field in list.OfType<JsonObject>())
                if (field["id"] is JsonValue fieldId && fieldId.GetValueKind() == JsonValueKind.String)
                    schema[fieldId.GetValue<string>()] = (field["enumValues"] as JsonArray ?? [])
                        .OfType<JsonObject>().Select(e => e["value"]).OfType<JsonValue>()
                        .Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToHashSet();
        foreach (var (key, value) in values)
        {
            if (!schema.TryGetValue(key, out var allowed)) return $"'{key}' is not a demographic field of this facility.";
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !allowed.Contains(v.GetValue<string>()))
                return $"{value?.ToJsonString() ?? "null"} is not a valid value for '{key}'.";
        }
        return null;
    }

    /// <summary>The password as stored: hashed, or the <c>NOT_SPECIFIED</c> literal as is.</summary>
    public static string StoredPassword(string password, Passwords passwords) =>
        password == Passwords.NotSpecified ? password : passwords.Hash(password);

    /// <summary>Inserts a validated new user (no roles); returns its id.</summary>
    public static async Task<string> InsertAsync(DbConn conn, Input input, Facility facility, string storedPassword, string dateJoined)
    {
        var id = Ids.New();
        await conn.ExecuteAsync(InsertSql, new
        {
            id, password = storedPassword, username = input.Username, fullName = input.FullName ?? "", dateJoined,
            datasetId = facility.DatasetId, facilityId = facility.Id, birthYear = input.BirthYear ?? "", gender = input.Gender ?? "",
            idNumber = input.IdNumber ?? "", extraDemographics = input.ExtraDemographics,
        });
        return id;
    }
}
