using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DevicePermissions;

/// <summary>POST /api/device/devicepermissions/ <c>{"user", "is_superuser", "can_manage_content"}</c>: superusers; one row per user.</summary>
public static class CreateDevicePermissions
{
    private const string UserExistsSql = "SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE id = @id";
    private const string RowExistsSql = "SELECT COUNT(*) FROM device_devicepermissions WHERE user_id = @id";
    private const string InsertSql = """
        INSERT INTO device_devicepermissions (user_id, is_superuser, can_manage_content) VALUES (@userId, @isSuperuser, @canManageContent)
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var user = body.Pk("user", required: true);
        var isSuperuser = body.Bool("is_superuser") ?? false;
        var canManageContent = body.Bool("can_manage_content") ?? false;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (user is not null && (user.Id is null || await conn.ExecuteScalarAsync<long>(UserExistsSql, new { id = user.Id }) == 0))
            body.DoesNotExist("user", user);
        if (body.Errors is { } invalid) return invalid;
        if (!DeviceAccess.IsSuperuser(http)) return KolibriErrors.Forbidden(http);
        if (await conn.ExecuteScalarAsync<long>(RowExistsSql, new { id = user!.Id }) > 0)
            return KolibriErrors.Invalid("UNIQUE", "user", "device permissions with this user already exists.");

        await conn.ExecuteAsync(InsertSql, new { userId = user.Id, isSuperuser, canManageContent });
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(new DevicePermissionsRow.Permissions { User = user.Id!, IsSuperuser = isSuperuser, CanManageContent = canManageContent }, statusCode: 201);
    }
}
