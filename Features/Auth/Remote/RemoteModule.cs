using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Remote;

/// <summary>
/// Kolibri's helpers for importing users from another device (no trailing slash, no permission checks). This server
/// keeps no network peers, so after the same input validation every remote call ends as Kolibri's does when the peer
/// cannot be reached: an empty object for the user search, a failed authentication (403) for the user info.
/// </summary>
public sealed class RemoteModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/auth/remotefacilityuser", FindRemoteUser).WithTags("Remote").WithMetadata(new KolibriView("Remote Facility User"));
        app.MapPost("/api/auth/remotefacilityauthenticateduserinfo", (Delegate)RemoteUserInfoAsync)
            .WithTags("Remote").WithMetadata(new KolibriView("Remote Facility Authenticated User Info"));
    }

    /// <summary>GET /api/auth/remotefacilityuser?baseurl=&amp;username=&amp;facility=</summary>
    public static IResult FindRemoteUser(HttpContext http)
    {
        var query = new QueryParams(http.Request);
        var errors = new List<KolibriError>();
        CheckBaseUrl(query.Get("baseurl"), errors);
        if (query.Get("username") is null) errors.Add(KolibriError.Field("REQUIRED", "username", "This field is required."));
        if (query.Get("facility") is not { } facility) errors.Add(KolibriError.Field("REQUIRED", "facility", "This field is required."));
        else if (Ids.Normalize(facility) is null) errors.Add(KolibriError.Field("INVALID", "facility", "Must be a valid UUID."));
        return errors.Count > 0 ? KolibriErrors.Invalid(errors) : Results.Json(new { });
    }

    /// <summary>POST /api/auth/remotefacilityauthenticateduserinfo <c>{baseurl, username, facility_id, password}</c></summary>
    public static async Task<IResult> RemoteUserInfoAsync(HttpContext http)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var errors = new List<KolibriError>();
        CheckBaseUrl(body.String("baseurl", allowNull: true, allowBlank: true), errors);
        body.String("username", required: true);
        body.Uuid("facility_id", required: true);
        body.String("password", allowBlank: true, allowNull: true);
        if (body.HasErrors || errors.Count > 0)
        {
            foreach (var e in errors) body.AddError(e.Id, e.Metadata["field"], e.Metadata["message"]);
            return body.Errors!;
        }
        return KolibriErrors.Forbidden(http, "PERMISSION_DENIED");
    }

    private static void CheckBaseUrl(string? baseUrl, List<KolibriError> errors)
    {
        if (string.IsNullOrEmpty(baseUrl))
            errors.Add(KolibriError.Field("REQUIRED", "baseurl", "This field is required."));
        else if (!Uri.TryCreate(baseUrl.Contains("://") ? baseUrl : "http://" + baseUrl, UriKind.Absolute, out var uri)
                 || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            errors.Add(KolibriError.Field("INVALID", "baseurl", "Enter a valid URL."));
    }
}
