using System.Text.Json;
using System.Text.Json.Nodes;
using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.SetNonSpecifiedPassword;

/// <summary>
/// POST /api/auth/setnonspecifiedpassword (no slash): a user whose password is <c>NOT_SPECIFIED</c> chooses one. Anyone
/// may call; the user is found by exact username in the facility; anyone else (real password, OS user) is a 404.
/// Does not log in.
/// </summary>
public sealed class SetNonSpecifiedPasswordModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/setnonspecifiedpassword", HandleAsync).WithTags("Facility users").WithMetadata(new KolibriView("Set Non Specified Password"));

    private const string UserSql = """
        SELECT u.id FROM kolibriauth_facilityuser u
        WHERE u.username = @username AND u.facility_id = @facility AND u.password = 'NOT_SPECIFIED'
          AND NOT EXISTS (SELECT 1 FROM device_osuser o WHERE o.user_id = u.id)
        ORDER BY u.id
        """;

    private const string UpdateSql = "UPDATE kolibriauth_facilityuser SET password = @password, _morango_dirty_bit = TRUE WHERE id = @id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, Passwords passwords)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var username = Text(body, "username");
        var password = Text(body, "password");
        var facilityText = Text(body, "facility");
        if (username is null || password is null || facilityText is null)
            return Results.Json("Must specify username, password, and facility", statusCode: 400);
        if (Ids.Normalize(facilityText) is not { } facility) return KolibriErrors.NotFound(http);

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        if (await conn.QueryFirstOrDefaultAsync<string>(UserSql, new { username, facility }) is not { } id) return KolibriErrors.NotFound(http);
        await conn.ExecuteAsync(UpdateSql, new { id, password = passwords.Hash(password) });
        await conn.CommitAsync(http.RequestAborted);
        return Results.Ok();
    }

    private static string? Text(JsonBody body, string field) =>
        body.Object[field] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
        && value.ToString() is { Length: > 0 } text ? text : null;
}
