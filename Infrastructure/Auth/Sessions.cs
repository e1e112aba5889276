using System.Security.Cryptography;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>
/// Server-side sessions in the database (table kolibrislices_session), so app servers behind one load balancer
/// share them. Cookie <c>kolibri</c>; idle lifetime 1200 s, restarted only when the session is written (login,
/// heartbeat). A session dies when someone else changes the user's password.
/// </summary>
public sealed class Sessions(Db db, TimeProvider clock)
{
    public const string CookieName = "kolibri";
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(1200);

    private const string LoadSql = """
        SELECT s.session_key, s.auth_hash, s.expire_at, u.id, u.username, u.full_name, u.facility_id, u.dataset_id, u.password,
               COALESCE(dp.is_superuser, FALSE) AS is_superuser,
               COALESCE(dp.can_manage_content, FALSE) AS can_manage_content_flag
        FROM kolibrislices_session s
        JOIN kolibriauth_facilityuser u ON u.id = s.user_id
        LEFT JOIN device_devicepermissions dp ON dp.user_id = u.id
        WHERE s.session_key = @key AND s.expire_at > @now;

        SELECT r.id, r.kind, r.collection_id, c.kind AS collection_kind,
               CASE WHEN c.kind = 'facility' THEN c.id ELSE c.parent_id END AS facility_id
        FROM kolibrislices_session s
        JOIN kolibriauth_role r ON r.user_id = s.user_id
        JOIN kolibriauth_collection c ON c.id = r.collection_id
        WHERE s.session_key = @key AND s.expire_at > @now;
        """;

    private sealed record SessionRow
    {
        public required string SessionKey { get; init; }
        public required string AuthHash { get; init; }
        public required long ExpireAt { get; init; }
        public required string Id { get; init; }
        public required string Username { get; init; }
        public required string FullName { get; init; }
        public required string FacilityId { get; init; }
        public required string DatasetId { get; init; }
        public required string Password { get; init; }
        public required bool IsSuperuser { get; init; }
        public required bool CanManageContentFlag { get; init; }
    }

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The user behind the request's session cookie, or null (anonymous) if none, expired or invalidated.</summary>
    public Task<CurrentUser?> LoadAsync(HttpContext http) =>
        http.Request.Cookies[CookieName] is { Length: > 0 and <= 40 } key ? LoadAsync(key, http.RequestAborted) : Task.FromResult<CurrentUser?>(null);

    public async Task<CurrentUser?> LoadAsync(string key, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        using var grid = await conn.QueryMultipleAsync(LoadSql, new { key, now = Now });
        var row = await grid.ReadSingleOrDefaultAsync<SessionRow>();
        var roles = (await grid.ReadAsync<RoleRow>()).ToList();
        if (row is null || row.AuthHash != Passwords.SessionHash(row.Password)) return null;
        return new CurrentUser
        {
            SessionKey = row.SessionKey, SessionExpiresAt = row.ExpireAt, Id = row.Id, Username = row.Username, FullName = row.FullName,
            FacilityId = row.FacilityId, DatasetId = row.DatasetId, IsSuperuser = row.IsSuperuser,
            CanManageContentFlag = row.CanManageContentFlag, Roles = roles,
        };
    }

    /// <summary>Starts a new session (a new key, replacing the caller's old one) and rotates the CSRF token.</summary>
    public async Task<string> LoginAsync(HttpContext http, DbConn conn, string userId, string passwordHash)
    {
        var key = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 32);
        await conn.ExecuteAsync("""
            DELETE FROM kolibrislices_session WHERE session_key = @old OR expire_at <= @now;
            INSERT INTO kolibrislices_session (session_key, user_id, auth_hash, expire_at) VALUES (@key, @userId, @hash, @expire);
            """,
            new { old = http.Request.Cookies[CookieName] ?? "", now = Now, key, userId, hash = Passwords.SessionHash(passwordHash),
                  expire = Now + (long)IdleLifetime.TotalSeconds });
        http.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true,
        });
        Csrf.Rotate(http);
        return key;
    }

    /// <summary>
    /// Restarts the idle timer (heartbeat). Expiry is kept in whole seconds, so a heartbeat in the same second as the
    /// session's last write (or one that would move it back) has nothing to write and takes no write lock.
    /// </summary>
    public async Task TouchAsync(CurrentUser user, CancellationToken ct)
    {
        var expire = Now + (long)IdleLifetime.TotalSeconds;
        if (user.SessionExpiresAt >= expire) return;
        await db.WriteAsync(conn => conn.ExecuteAsync("UPDATE kolibrislices_session SET expire_at = @expire WHERE session_key = @key",
            new { key = user.SessionKey, expire }), ct);
    }

    /// <summary>Keeps the caller's own session alive across a change of their own password.</summary>
    public static Task RebindAsync(DbConn conn, string sessionKey, string newPasswordHash) =>
        conn.ExecuteAsync("UPDATE kolibrislices_session SET auth_hash = @hash WHERE session_key = @key",
            new { key = sessionKey, hash = Passwords.SessionHash(newPasswordHash) });

    public async Task LogoutAsync(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is { Length: > 0 and <= 40 } key)
        {
            await using var conn = await db.OpenAsync(http.RequestAborted);
            await conn.ExecuteAsync("DELETE FROM kolibrislices_session WHERE session_key = @key", new { key });
        }
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        CurrentUser.Set(http, null);
    }
}
