using System.Security.Cryptography;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>Endpoint metadata: CSRF is checked even for anonymous callers (signup, deviceprovision).</summary>
public sealed class CsrfAlways;

/// <summary>
/// Django's CSRF scheme as Kolibri's clients use it: cookie <c>kolibri_csrftoken</c>, header <c>X-CSRFToken</c> carrying
/// the cookie's 32-char secret or its 64-char masked form.
/// </summary>
public static class Csrf
{
    public const string CookieName = "kolibri_csrftoken";
    public const string HeaderName = "X-CSRFToken";
    private const string Chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int SecretLength = 32;

    public static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    public static bool IsValid(HttpRequest request)
    {
        var secret = request.Cookies[CookieName];
        if (secret is null || secret.Length != SecretLength) return false;
        string? sent = request.Headers[HeaderName];
        if (string.IsNullOrEmpty(sent) && request.HasFormContentType && request.Form.TryGetValue("csrfmiddlewaretoken", out var field))
            sent = field;
        if (string.IsNullOrEmpty(sent)) return false;
        if (sent.Length == 2 * SecretLength) sent = Unmask(sent);
        return sent is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(sent), System.Text.Encoding.ASCII.GetBytes(secret));
    }

    /// <summary>Undo Django's token masking: the first half is the mask, the second the secret shifted by it.</summary>
    private static string? Unmask(string token)
    {
        var secret = new char[SecretLength];
        for (var i = 0; i < SecretLength; i++)
        {
            int mask = Chars.IndexOf(token[i]), cipher = Chars.IndexOf(token[SecretLength + i]);
            if (mask < 0 || cipher < 0) return null;
            secret[i] = Chars[((cipher - mask) % Chars.Length + Chars.Length) % Chars.Length];
        }
        return new string(secret);
    }

    /// <summary>Sets the cookie if the client has none (any /api/auth/session/ response does this).</summary>
    public static void EnsureCookie(HttpContext http)
    {
        var existing = http.Request.Cookies[CookieName];
        if (existing is { Length: SecretLength }) return;
        Rotate(http);
    }

    /// <summary>A fresh token (at login).</summary>
    public static void Rotate(HttpContext http) =>
        http.Response.Cookies.Append(CookieName, RandomNumberGenerator.GetString(Chars, SecretLength), new CookieOptions
        {
            Path = "/",
            HttpOnly = false,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
}
