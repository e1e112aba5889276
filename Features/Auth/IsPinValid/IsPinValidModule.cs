using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.IsPinValid;

/// <summary>
/// POST /api/auth/ispinvalid/&lt;32 lowercase hex&gt; (no slash) <c>{"pin_code"}</c>: superusers and content managers
/// check a facility's pin: <c>{"is_pin_valid": true}</c> only when it equals the stored one.
/// </summary>
public sealed partial class IsPinValidModule : ICarterModule
{
    // Every method is routed here so that callers without the right see 403 before 405, as Kolibri answers.
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapMethods("/api/auth/ispinvalid/{id}", ["GET", "POST", "PUT", "PATCH", "DELETE"], HandleAsync)
            .WithTags("Facility datasets").WithMetadata(new KolibriView("Is Pin Valid"));

    public sealed record Answer
    {
        public required bool IsPinValid { get; init; }
    }

    private const string Sql = "SELECT extra_fields FROM kolibriauth_facilitydataset WHERE id = @id";

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex DatasetId();

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex PinFormat();

    private sealed record Stored
    {
        public string? ExtraFields { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (!DatasetId().IsMatch(id)) return KolibriErrors.NotFound(http);
        if (CurrentUser.Of(http) is not { CanManageContent: true }) return KolibriErrors.Forbidden(http);
        if (!HttpMethods.IsPost(http.Request.Method)) return KolibriErrors.Detail(405, $"Method \"{http.Request.Method}\" not allowed.");

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        if (body.Object["pin_code"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || !PinFormat().IsMatch(value.GetValue<string>()))
            return KolibriErrors.Invalid("INVALID", "pin_code", "Invalid pin input");

        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await conn.QuerySingleOrDefaultAsync<Stored>(Sql, new { id }) is not { } dataset) return KolibriErrors.NotFound(http);
        var stored = dataset.ExtraFields is { } text && JsonNode.Parse(text) is JsonObject fields && fields["pin_code"] is JsonValue pin
                     && pin.GetValueKind() == JsonValueKind.String ? pin.GetValue<string>() : null;
        return Results.Json(new Answer { IsPinValid = stored == value.GetValue<string>() });
    }
}
