using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Session;

/// <summary>
/// POST /api/auth/session/: Kolibri's login. Exact-case username first, then any case; within a facility that allows
/// passwordless learners, a learner without roles gets in with any password. Failure bodies come in Kolibri's order.
/// </summary>
public static class Login
{
    public sealed record Candidate
    {
        public required string Id { get; init; }
        public required string Username { get; init; }
        public required string Password { get; init; }
        public required bool Passwordless { get; init; }
        public required bool IsOsUser { get; init; }
    }

    private const string CandidatesSql = """
        SELECT u.id, u.username, u.password,
               CASE WHEN d.learner_can_login_with_no_password = TRUE
                         AND NOT EXISTS (SELECT 1 FROM kolibriauth_role r WHERE r.user_id = u.id)
                         AND NOT EXISTS (SELECT 1 FROM device_devicepermissions p WHERE p.user_id = u.id AND p.is_superuser = TRUE)
                    THEN TRUE ELSE FALSE END AS passwordless,
               CASE WHEN EXISTS (SELECT 1 FROM device_osuser o WHERE o.user_id = u.id) THEN TRUE ELSE FALSE END AS is_os_user
        FROM kolibriauth_facilityuser u
        JOIN kolibriauth_facilitydataset d ON d.id = u.dataset_id
        WHERE LOWER(u.username) = LOWER(@username) AND (@facility IS NULL OR u.facility_id = @facility)
        ORDER BY u.id
        """;

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
        var candidates = (await conn.QueryAsync<Candidate>(CandidatesSql, new { username, facility })).ToList();
        var winner = Pick(candidates.Where(c => c.Username == username), password, facility is not null, passwords)
                     ?? Pick(candidates, password, facility is not null, passwords);

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

    private static Candidate? Pick(IEnumerable<Candidate> candidates, string password, bool facilityGiven, Passwords passwords) =>
        candidates.FirstOrDefault(c => passwords.Verify(password, c.Password) || (facilityGiven && c.Passwordless));
}
