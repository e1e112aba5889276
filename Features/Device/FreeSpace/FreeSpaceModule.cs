using Carter;
using KolibriSlices.Infrastructure;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.FreeSpace;

/// <summary>
/// GET /api/device/freespace/?path=Content (prefix): free bytes where content is stored, for any logged-in user.
/// Any other path is a 400 (Kolibri's plain-text "Invalid path", here in the JSON error list).
/// </summary>
public sealed class FreeSpaceModule : ICarterModule
{
    public sealed record FreeSpaceBody
    {
        public required long Freespace { get; init; }
    }

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPrefix("/api/device/freespace", (group, route) => group.MapMethods(route, ["GET"], HandleAsync)).WithTags("Device").WithMetadata(new KolibriView("Free Space"));

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, IConfiguration config)
    {
        if (CurrentUser.Of(http) is null) return KolibriErrors.Forbidden(http);
        if (new QueryParams(http.Request).Get("path") != "Content") return KolibriErrors.Invalid("INVALID", "path", "Invalid path");
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Results.Json(new FreeSpaceBody { Freespace = ContentStorage.FreeSpace(await ContentStorage.PrimaryAsync(conn, config)) });
    }
}
