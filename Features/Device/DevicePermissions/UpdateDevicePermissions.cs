using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DevicePermissions;

/// <summary>
/// PUT/PATCH /api/device/devicepermissions/&lt;user id&gt;/: superusers, never on their own row (they could lock
/// themselves out). The user of a row does not change.
/// </summary>
public static class UpdateDevicePermissions
{
    private const string UpdateSql = """
        UPDATE device_devicepermissions SET is_superuser = @isSuperuser, can_manage_content = @canManageContent WHERE user_id = @userId
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } userId) return KolibriErrors.NotFound(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: HttpMethods.IsPatch(http.Request.Method));
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<DevicePermissionsRow.Permissions>($"{DevicePermissionsRow.Select} WHERE p.user_id = @userId", new { userId });
        if (row is null) return KolibriErrors.NotFound(http);
        if (CurrentUser.Of(http) is not { IsSuperuser: true } caller || caller.Id == userId) return KolibriErrors.Forbidden(http);

        if (error is not null) return error;
        var isSuperuser = body.Bool("is_superuser") ?? row.IsSuperuser;
        var canManageContent = body.Bool("can_manage_content") ?? row.CanManageContent;
        if (body.Pk("user") is { } user && user.Id != userId) body.AddError("INVALID", "user", "The user of device permissions cannot change.");
        if (body.Errors is { } invalid) return invalid;

        await conn.ExecuteAsync(UpdateSql, new { userId, isSuperuser, canManageContent });
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(new DevicePermissionsRow.Permissions { User = userId, IsSuperuser = isSuperuser, CanManageContent = canManageContent });
    }
}
