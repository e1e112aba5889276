using System.Text;
using Carter;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace KolibriSlices.Features.Public.FacilityUsers;

/// <summary>
/// GET /api/public/facilityuser/?facility_id=: how another device learns who may sync. HTTP Basic whose user part is
/// <c>username=&lt;name&gt;&amp;facility=&lt;id&gt;</c>; the facility's admins and superusers get its users, anyone else
/// only themself.
/// </summary>
public sealed class PublicFacilityUsersModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/facilityuser/", HandleAsync).WithTags("Public").WithMetadata(new KolibriView("Public Facility User"));

    public sealed record User
    {
        public required string Id { get; init; }
        public required string Username { get; init; }
        public required string FullName { get; init; }
        public required string Facility { get; init; }
        public IReadOnlyList<string> Roles { get; set; } = [];
        public required bool IsSuperuser { get; init; }
        public required string IdNumber { get; init; }
        public required string Gender { get; init; }
        public required string BirthYear { get; init; }
    }

    private sealed record Caller
    {
        public required string Id { get; init; }
        public required string FacilityId { get; init; }
        public required bool MayListAll { get; init; }
    }

    private sealed record UserRole
    {
        public required string UserId { get; init; }
        public required string Kind { get; init; }
    }

    private const string CallerSql = """
        SELECT u.id, u.facility_id,
               CASE WHEN EXISTS (SELECT 1 FROM device_devicepermissions p WHERE p.user_id = u.id AND p.is_superuser = TRUE)
                         OR EXISTS (SELECT 1 FROM kolibriauth_role r WHERE r.user_id = u.id AND r.kind = 'admin' AND r.collection_id = COALESCE(@facility, u.facility_id))
                    THEN TRUE ELSE FALSE END AS may_list_all
        FROM kolibriauth_facilityuser u WHERE u.id = @id
        """;

    private const string UsersSql = """
        SELECT u.id, u.username, u.full_name, u.facility_id AS facility, COALESCE(dp.is_superuser, FALSE) AS is_superuser,
               u.id_number, u.gender, u.birth_year
        FROM kolibriauth_facilityuser u LEFT JOIN device_devicepermissions dp ON dp.user_id = u.id
        WHERE u.facility_id = @facility AND (@all = TRUE OR u.id = @id)
        ORDER BY u.username COLLATE "BINARY", u.id
        """;

    private const string RolesSql = "SELECT DISTINCT user_id, kind FROM kolibriauth_role WHERE user_id IN @ids ORDER BY kind";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, Passwords passwords)
    {
        var query = new QueryParams(http.Request);
        var requested = query.Uuid("facility_id");
        if (query.Errors is { } badFilter) return badFilter;
        if (ParseBasic(http.Request.Headers.Authorization.ToString()) is not { } credentials)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"api\"";
            return KolibriErrors.Detail(401, http.Request.Headers.Authorization.Count == 0
                ? "Authentication credentials were not provided." : "Invalid credentials.");
        }

        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (username, facility, password) = credentials;
        if (await Credentials.AuthenticateAsync(conn, passwords, username, password, facility) is not { } userId)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"api\"";
            return KolibriErrors.Detail(401, "Invalid credentials.");
        }
        var caller = await conn.QuerySingleAsync<Caller>(CallerSql, new { id = userId, facility = requested });
        var target = requested ?? caller.FacilityId;
        var users = (await conn.QueryAsync<User>(UsersSql, new { facility = target, all = caller.MayListAll, id = caller.Id })).ToList();
        if (users.Count > 0)
        {
            var roles = (await conn.QueryAsync<UserRole>(RolesSql, new { ids = users.Select(u => u.Id).ToArray() })).ToLookup(r => r.UserId, r => r.Kind);
            foreach (var user in users) user.Roles = roles[user.Id].ToList();
        }
        return Results.Json(users);
    }

    /// <summary><c>Basic base64("username=..&amp;facility=..:password")</c>; null when absent or unreadable.</summary>
    private static (string Username, string? Facility, string Password)? ParseBasic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
        catch (FormatException) { return null; }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return null;
        var userArgs = QueryHelpers.ParseQuery(decoded[..colon]);
        if (!userArgs.TryGetValue("username", out var username) || string.IsNullOrEmpty(username)) return null;
        string? facility = null;
        if (userArgs.TryGetValue("facility", out var rawFacility) && !string.IsNullOrEmpty(rawFacility))
            facility = Ids.Normalize(rawFacility) ?? "";
        return (username.ToString(), facility, decoded[(colon + 1)..]);
    }
}
