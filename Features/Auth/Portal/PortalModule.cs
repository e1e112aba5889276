using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Portal;

/// <summary>
/// /api/auth/portal/: Kolibri relays facility registration to the Kolibri Data Portal. This server does not reach the
/// portal, so it answers as Kolibri does when the portal is unreachable.
/// </summary>
public sealed class PortalModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/portal").WithTags("Portal").WithMetadata(new KolibriView("Portal"));
        group.MapPost("/register/", Offline);
        group.MapGet("/validate_token/", Offline);
    }

    private static IResult Offline() => Results.Json(new Dictionary<string, string> { ["status"] = "offline" }, statusCode: 503);
}
