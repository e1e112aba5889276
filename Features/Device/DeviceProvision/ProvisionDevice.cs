using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceProvision;

/// <summary>
/// POST /api/device/deviceprovision/: in one transaction, creates (or adopts) the facility, its dataset preset and
/// settings, the superuser (facility admin with every device permission), and the device settings row; then logs the
/// superuser in. The answer echoes the request with defaults filled in, without the password hash (Kolibri sends it)
/// and with <c>is_soud</c> as sent (Kolibri always says true).
/// </summary>
public static class ProvisionDevice
{
    public static readonly string[] Presets = ["formal", "nonformal", "informal"];

    /// <summary>Kolibri's preset table: formal devices lock learners down and let them in without passwords.</summary>
    private static Dictionary<string, bool> PresetFlags(string preset)
    {
        var formal = preset == "formal";
        return new Dictionary<string, bool>
        {
            ["learner_can_edit_username"] = !formal,
            ["learner_can_edit_name"] = !formal,
            ["learner_can_edit_password"] = !formal,
            ["learner_can_sign_up"] = !formal,
            ["learner_can_delete_account"] = !formal,
            ["learner_can_login_with_no_password"] = formal,
            ["show_download_button_in_learn"] = !formal,
        };
    }

    private static readonly string[] TextSettings = ["description", "location"];

    public sealed record Response
    {
        public required JsonNode? Facility { get; init; }
        public required string? FacilityId { get; init; }
        public required string Preset { get; init; }
        public required SuperuserEcho Superuser { get; init; }
        public required string LanguageId { get; init; }
        public required string? DeviceName { get; init; }
        public required JsonObject Settings { get; init; }
        public required bool AllowGuestAccess { get; init; }
        public required bool IsProvisioned { get; init; }
        public required bool IsSoud { get; init; }
    }

    public sealed record SuperuserEcho
    {
        public required string Username { get; init; }
        public required string FullName { get; init; }
    }

    private sealed record ExistingUser
    {
        public required string Id { get; init; }
        public required string FullName { get; init; }
        public required string Password { get; init; }
    }

    private sealed record Dataset
    {
        public required string Id { get; init; }
        public required string Preset { get; init; }
    }

    private const string ProvisionedSql = "SELECT COUNT(*) FROM device_devicesettings WHERE is_provisioned = TRUE";
    private const string FacilitySql = """
        SELECT d.id, d.preset FROM kolibriauth_collection f JOIN kolibriauth_facilitydataset d ON d.id = f.dataset_id
        WHERE f.id = @id AND f.kind = 'facility'
        """;
    private const string InsertDatasetSql = """
        INSERT INTO kolibriauth_facilitydataset (id, preset, description, location, learner_can_edit_username, learner_can_edit_name,
            learner_can_edit_password, learner_can_sign_up, learner_can_delete_account, learner_can_login_with_no_password,
            show_download_button_in_learn, extra_fields)
        VALUES (@id, @preset, @description, @location, @learner_can_edit_username, @learner_can_edit_name, @learner_can_edit_password,
            @learner_can_sign_up, @learner_can_delete_account, @learner_can_login_with_no_password, @show_download_button_in_learn, @extra_fields)
        """;
    private const string InsertFacilitySql = """
        INSERT INTO kolibriauth_collection (id, name, kind, dataset_id, parent_id) VALUES (@id, @name, 'facility', @datasetId, NULL)
        """;
    private const string ExistingUserSql = "SELECT id, full_name, password FROM kolibriauth_facilityuser WHERE username = @username ORDER BY id";
    private const string InsertUserSql = """
        INSERT INTO kolibriauth_facilityuser (id, password, username, full_name, date_joined, dataset_id, facility_id, gender, birth_year)
        VALUES (@id, @password, @username, @fullName, @now, @datasetId, @facilityId, 'DEFERRED', 'DEFERRED')
        """;
    private const string AdminRoleSql = """
        INSERT INTO kolibriauth_role (id, user_id, collection_id, kind, dataset_id) VALUES (@id, @userId, @facilityId, 'admin', @datasetId)
        ON CONFLICT (user_id, collection_id, kind) DO NOTHING
        """;
    private const string AnyPermissionsSql = "SELECT COUNT(*) FROM device_devicepermissions";
    private const string PermissionsSql = """
        INSERT INTO device_devicepermissions (user_id, is_superuser, can_manage_content) VALUES (@userId, TRUE, TRUE)
        ON CONFLICT (user_id) DO UPDATE SET is_superuser = TRUE, can_manage_content = TRUE
        """;
    private const string DeviceSettingsSql = """
        INSERT INTO device_devicesettings (id, is_provisioned, language_id, default_facility_id, allow_guest_access, name,
            subset_of_users_device, extra_settings)
        VALUES (1, @isProvisioned, @languageId, @facilityId, @allowGuestAccess, @name, @soud, @extraSettings)
        ON CONFLICT (id) DO UPDATE SET is_provisioned = @isProvisioned, language_id = @languageId, default_facility_id = @facilityId,
            allow_guest_access = @allowGuestAccess, name = @name, subset_of_users_device = @soud, extra_settings = @extraSettings
        """;

    public static async Task<bool> IsProvisionedAsync(DbConn conn) => await conn.ExecuteScalarAsync<long>(ProvisionedSql) > 0;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, Passwords passwords, Sessions sessions, TimeProvider clock)
    {
        await using (var check = await db.OpenAsync(http.RequestAborted))
            if (await IsProvisionedAsync(check)) return KolibriErrors.Forbidden(http);

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var nested = new JsonObject();
        var facility = Nested(body, "facility", nested, f => ValueTuple.Create(f.String("name", required: true, maxLength: 100)));
        var facilityName = facility?.Item1;
        var facilityIdText = body.String("facility_id", maxLength: 50, allowNull: true);
        var preset = body.Choice("preset", Presets, allowNull: true);
        var superuser = Nested(body, "superuser", nested, s => (
            Username: s.String("username", required: true, maxLength: 254),
            Password: s.String("password", required: true, maxLength: 128),
            FullName: s.String("full_name", maxLength: 120, allowBlank: true)));
        var languageId = body.String("language_id", required: true, maxLength: 15);
        if (languageId is not null && !Languages.Supported.Contains(languageId)) body.AddError("INVALID", "language_id", Languages.NotSupportedMessage);
        var deviceName = body.String("device_name", required: true, maxLength: 50, allowNull: true);
        var settings = body.Json("settings", required: true, allowNull: false);
        if (settings is not null and not JsonObject) body.AddError("INVALID", "settings", "Expected a dictionary of items.");
        var allowGuestAccess = body.Bool("allow_guest_access", required: true, allowNull: true);
        var isProvisioned = body.Bool("is_provisioned") ?? true;
        var isSoud = body.Bool("is_soud") ?? true;
        var settingsObject = settings as JsonObject ?? [];
        ReadSettings(body, settingsObject);

        if (body.Errors is { } invalid) return invalid;
        if (nested.Count > 0) return Results.Content(nested.ToJsonString(), "application/json", statusCode: 400);
        if (body.Has("facility") == body.Has("facility_id"))
            return KolibriErrors.Invalid("INVALID", "non_field_errors", "Please provide one of `facility` or `facility_id`; but not both.");
        if (body.Has("facility") && preset is null)
            return KolibriErrors.Invalid("INVALID", "non_field_errors", "Please provide `preset` if `facility` is specified");
        if (superuser is null)
            return KolibriErrors.Invalid("INVALID", "non_field_errors", "Superuser is required for provisioning");
        var (username, password, fullName) = superuser.Value;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (await IsProvisionedAsync(conn)) return KolibriErrors.Forbidden(http);

        string facilityId;
        Dataset dataset;
        var newFacility = facilityName is not null;
        if (newFacility)
        {
            facilityId = Ids.New();
            var flags = PresetFlags(preset!);
            foreach (var (key, value) in settingsObject)
                if (flags.ContainsKey(key) && value is not null) flags[key] = JsonBody.ParseBool(value)!.Value;
            if (flags["learner_can_login_with_no_password"] && flags["learner_can_edit_password"])
                return KolibriErrors.Invalid("INVALID", "settings", "Learners cannot sign in without a password while they may edit their password.");
            var onMyOwn = settingsObject["on_my_own_setup"] is { } own && JsonBody.ParseBool(own) == true;
            dataset = new Dataset { Id = Ids.New(), Preset = preset! };
            var args = new Dapper.DynamicParameters();
            foreach (var (key, value) in flags) args.Add(key, value);
            args.Add("id", dataset.Id);
            args.Add("preset", dataset.Preset);
            args.Add("description", TextSetting(settingsObject, "description"));
            args.Add("location", TextSetting(settingsObject, "location"));
            args.Add("extra_fields", JsonSerializer.Serialize(new { facility = new { }, on_my_own_setup = onMyOwn, pin_code = "" }));
            await conn.ExecuteAsync(InsertDatasetSql, args);
            await conn.ExecuteAsync(InsertFacilitySql, new { id = facilityId, name = facilityName, datasetId = dataset.Id });
        }
        else
        {
            if (facilityIdText is null) return KolibriErrors.Detail(400, "Please check `facility` or `preset` fields.");
            var found = Ids.Normalize(facilityIdText) is { } normalized ? await conn.QuerySingleOrDefaultAsync<Dataset>(FacilitySql, new { id = normalized }) : null;
            if (found is null) return KolibriErrors.Detail(400, $"Facility with id={facilityIdText} does not exist");
            facilityId = Ids.Normalize(facilityIdText)!;
            dataset = found;
        }

        var existing = await conn.QueryFirstOrDefaultAsync<ExistingUser>(ExistingUserSql, new { username });
        string userId, passwordHash;
        if (existing is not null)
        {
            (userId, passwordHash, fullName) = (existing.Id, existing.Password, existing.FullName);
            if (newFacility) await GrantAdminAsync(conn, userId, facilityId, dataset.Id);
            if (await conn.ExecuteScalarAsync<long>(AnyPermissionsSql) == 0) await conn.ExecuteAsync(PermissionsSql, new { userId });
        }
        else
        {
            userId = Ids.New();
            passwordHash = passwords.Hash(password!);
            fullName = string.IsNullOrEmpty(fullName) ? username : fullName;
            await conn.ExecuteAsync(InsertUserSql, new { id = userId, password = passwordHash, username, fullName, now = KolibriTime.Now(clock), datasetId = dataset.Id, facilityId });
            await GrantAdminAsync(conn, userId, facilityId, dataset.Id);
            await conn.ExecuteAsync(PermissionsSql, new { userId });
        }

        var guests = allowGuestAccess ?? dataset.Preset != "formal";
        var learnerDownloads = newFacility && settingsObject["on_my_own_setup"] is { } mine && JsonBody.ParseBool(mine) == true;
        var extraSettings = JsonSerializer.Serialize(new Dictionary<string, bool>
        {
            ["allow_download_on_metered_connection"] = false,
            ["enable_automatic_download"] = true,
            ["allow_learner_download_resources"] = learnerDownloads,
        });
        var name = deviceName ?? (Environment.MachineName.Length > 50 ? Environment.MachineName[..50] : Environment.MachineName);
        await conn.ExecuteAsync(DeviceSettingsSql, new
        {
            isProvisioned, languageId, facilityId, allowGuestAccess = guests, name, soud = isSoud, extraSettings,
        });
        await sessions.LoginAsync(http, conn, userId, passwordHash);
        await conn.CommitAsync(http.RequestAborted);

        return Results.Json(new Response
        {
            Facility = body.Object["facility"]?.DeepClone(),
            FacilityId = facilityIdText,
            Preset = preset ?? dataset.Preset,
            Superuser = new SuperuserEcho { Username = username!, FullName = fullName! },
            LanguageId = languageId!,
            DeviceName = deviceName,
            Settings = (JsonObject)settingsObject.DeepClone(),
            AllowGuestAccess = guests,
            IsProvisioned = isProvisioned,
            IsSoud = isSoud,
        }, statusCode: 201);
    }

    private static Task GrantAdminAsync(DbConn conn, string userId, string facilityId, string datasetId) =>
        conn.ExecuteAsync(AdminRoleSql, new { id = Ids.Deterministic(userId, facilityId, "admin", "role"), userId, facilityId, datasetId });

    /// <summary>
    /// A nested serializer field: its errors go to <paramref name="nested"/> as DRF's raw <c>{"field": {"sub": [...]}}</c>
    /// (Kolibri's handler cannot flatten them). Null when absent, null or invalid.
    /// </summary>
    private static T? Nested<T>(JsonBody body, string field, JsonObject nested, Func<JsonBody, T> read) where T : struct
    {
        if (!body.Object.TryGetPropertyValue(field, out var node) || node is null) return null;
        if (node is not JsonObject obj)
        {
            body.AddError("INVALID", field, $"Invalid data. Expected a dictionary, but got {JsonBody.DrfTypeName(node)}.");
            return null;
        }
        var inner = JsonBody.For(obj);
        var value = read(inner);
        if (!inner.HasErrors) return value;
        nested[field] = NestedErrors(inner);
        return null;
    }

    private static JsonObject NestedErrors(JsonBody inner)
    {
        var result = new JsonObject();
        foreach (var error in inner.Errors is IValueHttpResult { Value: KolibriError[] list } ? list : [])
        {
            var field = error.Metadata["field"];
            if (result[field] is not JsonArray messages) result[field] = messages = [];
            messages.Add(error.Metadata["message"]);
        }
        return result;
    }

    /// <summary>Dataset settings to override: the booleans must be booleans, the texts text; unknown keys are ignored.</summary>
    private static void ReadSettings(JsonBody body, JsonObject settings)
    {
        foreach (var (key, value) in settings)
        {
            if (value is null) continue;
            var isFlag = PresetFlags("nonformal").ContainsKey(key) || key == "on_my_own_setup";
            if (isFlag && JsonBody.ParseBool(value) is null)
                body.AddError("INVALID", "settings", $"{key}: Must be a valid boolean.");
            if (TextSettings.Contains(key) && (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
                body.AddError("INVALID", "settings", $"{key}: Not a valid string.");
        }
    }

    private static string TextSetting(JsonObject settings, string key) =>
        settings[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
}
