using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.RemoteChannels;

/// <summary>
/// /api/content/remotechannel/: channels offered by Studio or a peer. This server reaches no upstream (no Studio
/// connection, no network peers), so it answers as Kolibri does offline: 503 <c>{"status": "offline"}</c> for list and
/// detail, and an offline studio status. Content managers only.
/// </summary>
public static class RemoteChannels
{
    private static IResult? Denied(HttpContext http) =>
        CurrentUser.Of(http) is { CanManageContent: true } ? null : KolibriErrors.Forbidden(http);

    public static IResult List(HttpContext http) =>
        Denied(http) ?? Results.Json(new { status = "offline" }, statusCode: StatusCodes.Status503ServiceUnavailable);

    public static IResult Detail(HttpContext http, string id) =>
        Denied(http) ?? Results.Json(new { status = "offline" }, statusCode: StatusCodes.Status503ServiceUnavailable);

    public static IResult StudioStatus(HttpContext http)
    {
        if (Denied(http) is { } denied) return denied;
        http.Response.Headers.CacheControl = "no-cache, no-store, must-revalidate, max-age=0";
        return Results.Json(new { status = "offline", available = false });
    }
}
