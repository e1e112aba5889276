using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>
/// Kolibri's login rule (§3.4), for session login and for HTTP Basic on the public user endpoint: exact-case username
/// first, then any case; within a facility that allows it, a learner without roles needs no password.
/// </summary>
public static class Credentials
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

    /// <summary>Users with this username in any case (in the facility, if one is given), in database order.</summary>
    public static async Task<IReadOnlyList<Candidate>> CandidatesAsync(DbConn conn, string username, string? facility) =>
        (await conn.QueryAsync<Candidate>(CandidatesSql, new { username, facility })).ToList();

    /// <summary>The candidate the credentials identify, or null.</summary>
    public static Candidate? Winner(IReadOnlyList<Candidate> candidates, Passwords passwords, string username, string password, bool facilityGiven)
    {
        bool Wins(Candidate c) => passwords.Verify(password, c.Password) || (facilityGiven && c.Passwordless);
        return candidates.Where(c => c.Username == username).FirstOrDefault(Wins) ?? candidates.FirstOrDefault(Wins);
    }

    /// <summary>The id of the user these credentials identify, or null.</summary>
    public static async Task<string?> AuthenticateAsync(DbConn conn, Passwords passwords, string username, string password, string? facility) =>
        Winner(await CandidatesAsync(conn, username, facility), passwords, username, password, facility is not null)?.Id;
}
