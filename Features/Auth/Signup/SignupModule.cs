using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Signup;

/// <summary>
/// Self-registration: POST /api/auth/signup/ (CSRF checked even for anonymous callers; logs the new learner in) and its
/// peer-facing twin POST /api/public/signup/ (no CSRF for anonymous callers, no login).
/// </summary>
public sealed class SignupModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/signup/", (HttpContext http, Infrastructure.Database.Db db, Passwords passwords, Sessions sessions, TimeProvider clock) =>
                SignUp.HandleAsync(http, db, passwords, sessions, clock, logIn: true))
            .WithTags("Signup").WithMetadata(new KolibriView("Sign Up"), new CsrfAlways());
        app.MapPost("/api/public/signup/", (HttpContext http, Infrastructure.Database.Db db, Passwords passwords, Sessions sessions, TimeProvider clock) =>
                SignUp.HandleAsync(http, db, passwords, sessions, clock, logIn: false))
            .WithTags("Public").WithMetadata(new KolibriView("Public Sign Up"));
    }
}
