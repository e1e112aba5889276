using KolibriSlices.Infrastructure.Auth;

namespace KolibriSlices.Features.Auth.Session;

/// <summary>DELETE /api/auth/session/&lt;any&gt;/: ends the session (also fine when anonymous); answers <c>[]</c>.</summary>
public static class Logout
{
    public static async Task<IResult> HandleAsync(HttpContext http, Sessions sessions)
    {
        await sessions.LogoutAsync(http);
        return Results.Json(Array.Empty<object>());
    }
}
