using System.Text.Json;
using System.Text.Json.Nodes;
using KolibriSlices.Infrastructure;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DeviceSettings;

/// <summary>
/// PATCH /api/device/devicesettings/: only the keys sent change. Every failing field is named in one 400 list (Kolibri
/// sends the names as text/html); <c>extra_settings</c> replaces the whole object and must fit Kolibri's schema (Kolibri
/// answers 500 when it does not). A failed PATCH changes nothing.
/// </summary>
public static class UpdateDeviceSettings
{
    public static readonly string[] LandingPages = ["sign-in", "learn"];

    private static readonly string[] BoolColumns =
    [
        "allow_guest_access", "allow_peer_unlisted_channel_import", "allow_learner_unassigned_resource_access", "allow_other_browsers_to_connect",
    ];

    private const string UpsertLocationSql = """
        INSERT INTO kolibrislices_instance (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = @value
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, IConfiguration config)
    {
        if (!DeviceAccess.IsContentManager(http)) return KolibriErrors.Forbidden(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: true);
        if (error is not null) return error;

        var changes = new Dictionary<string, object?>();
        if (body.Has("language_id"))
        {
            var language = body.String("language_id", maxLength: 15);
            if (language is not null && !Languages.Supported.Contains(language)) body.AddError("INVALID", "language_id", Languages.NotSupportedMessage);
            else if (language is not null) changes["language_id"] = language;
        }
        if (body.Choice("landing_page", LandingPages) is { } landing) changes["landing_page"] = landing;
        foreach (var column in BoolColumns)
            if (body.Bool(column) is { } flag) changes[column] = flag;
        if (body.Has("extra_settings"))
        {
            var extra = body.Json("extra_settings", allowNull: false);
            if (extra is not null && ExtraSettingsError(extra) is { } message) body.AddError("INVALID", "extra_settings", message);
            else if (extra is not null) changes["extra_settings"] = extra.ToJsonString();
        }
        var primary = body.String("primary_storage_location");
        if (primary is not null && !IsWritableDirectory(primary))
            body.AddError("INVALID", "primary_storage_location", "Must be an existing directory this server can write to.");
        var secondary = SecondaryLocations(body);
        if (body.Errors is { } invalid) return invalid;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(DeviceSettingsObject.EnsureRowSql);
        if (changes.Count > 0)
        {
            var args = new Dapper.DynamicParameters();
            foreach (var (column, value) in changes) args.Add(column, value);
            await conn.ExecuteAsync($"UPDATE device_devicesettings SET {string.Join(", ", changes.Keys.Select(c => $"{c} = @{c}"))} WHERE id = 1", args);
        }
        if (primary is not null)
            await conn.ExecuteAsync(UpsertLocationSql, new { key = ContentStorage.PrimaryKey, value = Path.GetFullPath(primary) });
        if (secondary is not null)
            await conn.ExecuteAsync(UpsertLocationSql, new { key = ContentStorage.SecondaryKey, value = JsonSerializer.Serialize(secondary) });
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await DeviceSettingsObject.LoadAsync(conn, config));
    }

    private static string[]? SecondaryLocations(JsonBody body)
    {
        if (!body.Object.TryGetPropertyValue("secondary_storage_locations", out var node)) return null;
        if (node is not JsonArray list || list.Any(item => item is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            body.AddError("INVALID", "secondary_storage_locations", "Expected a list of directory paths.");
            return null;
        }
        var paths = list.Select(item => item!.GetValue<string>().Trim()).Where(p => p.Length > 0).ToArray();
        if (paths.Any(p => !Directory.Exists(p)))
        {
            body.AddError("INVALID", "secondary_storage_locations", "Every location must be an existing directory.");
            return null;
        }
        return paths.Select(Path.GetFullPath).ToArray();
    }

    private static bool IsWritableDirectory(string path)
    {
        if (!Directory.Exists(path)) return false;
        var probe = Path.Combine(path, ".kolibri-write-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Kolibri's extra_settings schema: two required booleans, a few optional keys; other keys are kept.</summary>
    public static string? ExtraSettingsError(JsonNode node)
    {
        if (node is not JsonObject obj) return "Must be an object.";
        foreach (var required in new[] { "allow_download_on_metered_connection", "enable_automatic_download" })
            if (!obj.ContainsKey(required)) return $"'{required}' is a required property.";
        foreach (var flag in new[] { "allow_download_on_metered_connection", "enable_automatic_download", "allow_learner_download_resources", "set_limit_for_autodownload" })
            if (obj.TryGetPropertyValue(flag, out var value) && value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                return $"'{flag}' must be a boolean.";
        if (obj.TryGetPropertyValue("limit_for_autodownload", out var limit)
            && !(limit is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long n) && n >= 0))
            return "'limit_for_autodownload' must be a non-negative integer.";
        if (obj.TryGetPropertyValue("default_demographic_field_schema", out var schema) && schema is not (JsonArray or null))
            return "'default_demographic_field_schema' must be a list.";
        return null;
    }
}
