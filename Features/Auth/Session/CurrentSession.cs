using System.Security.Cryptography;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Auth.Session;

/// <summary>
/// PUT /api/auth/session/&lt;any&gt;/ (heartbeat): the session object, and a restarted idle timer for a logged-in user.
/// GET answers the same (Kolibri 0.18 answers 405; the published overview tells clients to GET their CSRF token here).
/// </summary>
public static class CurrentSession
{
    public const string VisitorCookie = "visitor_id";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, Sessions sessions, TimeProvider clock)
    {
        var user = CurrentUser.Of(http);
        if (user is not null && HttpMethods.IsPut(http.Request.Method))
            await sessions.TouchAsync(user, http.RequestAborted);
        if (user is null && HttpMethods.IsPut(http.Request.Method))
        {
            var visitor = http.Request.Cookies[VisitorCookie] is { Length: 32 } existing ? existing : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Response.Cookies.Append(VisitorCookie, visitor, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true,
            });
        }
        return Results.Json(await SessionObject.ForAsync(user, db, clock, http.RequestAborted));
    }
}
