using Carter;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.UsernameAvailable;

/// <summary>
/// POST /api/auth/usernameavailable (no slash): <c>true</c> when no user of the facility has the name in any case;
/// 400 USERNAME_ALREADY_EXISTS when one does; 404 <c>"Facility not found"</c> (a JSON string) for an unknown facility.
/// </summary>
public sealed class UsernameAvailableModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/usernameavailable", HandleAsync).WithTags("Facility users").WithMetadata(new KolibriView("Username Available"));

    private const string FacilityExistsSql = "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @id AND kind = 'facility'";

    private const string TakenSql = """
        SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE facility_id = @facility AND LOWER(username) = LOWER(@username)
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var username = body.String("username", required: true);
        var facility = body.Uuid("facility", required: true);
        if (body.Errors is { } invalid) return invalid;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await conn.ExecuteScalarAsync<long>(FacilityExistsSql, new { id = facility }) == 0)
            return Results.Json("Facility not found", statusCode: 404);
        if (await conn.ExecuteScalarAsync<long>(TakenSql, new { facility, username }) > 0)
            return KolibriErrors.Invalid("USERNAME_ALREADY_EXISTS", "username", "Username already exists.");
        return Results.Json(true);
    }
}
