using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Session;

/// <summary>/api/auth/session/: login (POST), heartbeat (PUT, and GET for published-overview clients), logout (DELETE).</summary>
public sealed class SessionModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/session").WithTags("Session").WithMetadata(new KolibriView("Session"))
            // Every answer from here carries a CSRF cookie, so a client can bootstrap its token.
            .AddEndpointFilter(async (context, next) =>
            {
                Csrf.EnsureCookie(context.HttpContext);
                return await next(context);
            });
        group.MapPost("/", Login.HandleAsync);
        group.MapMethods("/", ["GET", "PUT", "PATCH", "DELETE"], MethodNotAllowed);
        group.MapMethods("/{id}/", ["GET", "PUT"], CurrentSession.HandleAsync);
        group.MapDelete("/{id}/", Logout.HandleAsync);
        group.MapMethods("/{id}/", ["POST", "PATCH"], MethodNotAllowed);
    }

    private static IResult MethodNotAllowed(HttpContext http) =>
        KolibriErrors.Detail(405, $"Method \"{http.Request.Method}\" not allowed.");
}
