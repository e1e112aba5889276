using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Session;

/// <summary>
/// POST /api/auth/session/: Kolibri's login (<see cref="Credentials"/>); failure bodies come in Kolibri's order.
/// </summary>
public static class Login
{
    private const string RecordLoginSql = "UPDATE kolibriauth_facilityuser SET last_login = @now WHERE id = @id";
    private const string UpgradeHashSql = "UPDATE kolibriauth_facilityuser SET password = @password WHERE id = @id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, Sessions sessions, Passwords passwords, TimeProvider clock)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var username = body.String("username", allowBlank: true, allowNull: true) ?? "";
        var password = body.String("password", allowBlank: true, allowNull: true) ?? "";
        var facility = body.Has("facility") && body.Object["facility"] is not null ? body.Uuid("facility") : null;
        if (body.Errors is { } invalid) return invalid;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        var candidates = await Credentials.CandidatesAsync(conn, username, facility);
        var winner = Credentials.Winner(candidates, passwords, username, password, facility is not null);

        if (winner is null)
        {
            if (facility is null || candidates.Count == 0)
                return KolibriErrors.Invalid("NOT_FOUND", "username", "Username not found.");
            var first = candidates[0];
            if (first.Password == Passwords.NotSpecified && !first.IsOsUser)
                return KolibriErrors.Invalid("PASSWORD_NOT_SPECIFIED", "password", "Username is valid, but password needs to be set before login.");
            if (password.Length == 0)
                return KolibriErrors.Invalid("MISSING_PASSWORD", "password", "Username is valid, but password is missing.");
            return Results.Json(new[] { new KolibriError("INVALID_CREDENTIALS", new Dictionary<string, string>()) }, statusCode: 401);
        }

        await conn.BeginWriteAsync(http.RequestAborted);
        var storedHash = winner.Password;
        if (passwords.Check(password, storedHash).NeedsUpgrade)
        {
            storedHash = passwords.Hash(password);
            await conn.ExecuteAsync(UpgradeHashSql, new { id = winner.Id, password = storedHash });
        }
        await conn.ExecuteAsync(RecordLoginSql, new { id = winner.Id, now = KolibriTime.Now(clock) });
        var key = await sessions.LoginAsync(http, conn, winner.Id, storedHash);
        await conn.CommitAsync(http.RequestAborted);

        var user = await sessions.LoadAsync(key, http.RequestAborted);
        CurrentUser.Set(http, user);
        return Results.Json(await SessionObject.ForAsync(user, db, clock, http.RequestAborted));
    }
}
