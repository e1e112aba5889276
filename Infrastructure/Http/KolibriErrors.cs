using System.Text.Json.Serialization;
using KolibriSlices.Infrastructure.Auth;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>One element of Kolibri's error list: <c>{"id": "REQUIRED", "metadata": {"field": ..., "message": ...}}</c>.</summary>
public sealed record KolibriError(string Id, IReadOnlyDictionary<string, string> Metadata)
{
    public static KolibriError Field(string id, string field, string message) =>
        new(id, new Dictionary<string, string> { ["field"] = field, ["message"] = message });
}

/// <summary>Names the DRF view in 403/404 bodies (<c>metadata.view</c>); set once on a module's route group.</summary>
public sealed record KolibriView(string Name);

/// <summary>Kolibri's error bodies, built in one place: 400 lists, 403/404 with the view name, DRF's {"detail"}.</summary>
public static class KolibriErrors
{
    public static IResult Invalid(IEnumerable<KolibriError> errors) => Results.Json(errors.ToArray(), statusCode: 400);

    public static IResult Invalid(string id, string field, string message) => Invalid([KolibriError.Field(id, field, message)]);

    /// <summary>A bare list of messages (Kolibri's object-level errors that its handler cannot flatten).</summary>
    public static IResult Messages(params string[] messages) => Results.Json(messages, statusCode: 400);

    public static IResult Detail(int status, string detail) => Results.Json(new DetailBody(detail), statusCode: status);

    /// <summary>403: NOT_AUTHENTICATED for an anonymous caller, PERMISSION_DENIED otherwise.</summary>
    public static IResult Forbidden(HttpContext http) =>
        Forbidden(http, CurrentUser.Of(http) is null ? "NOT_AUTHENTICATED" : "PERMISSION_DENIED");

    public static IResult Forbidden(HttpContext http, string id) => Results.Json(new[] { ViewError(id, http) }, statusCode: 403);

    public static IResult NotFound(HttpContext http) => Results.Json(new[] { ViewError("NOT_FOUND", http) }, statusCode: 404);

    public static KolibriError ViewError(string id, HttpContext http) =>
        new(id, new Dictionary<string, string> { ["view"] = ViewName(http) });

    private static string ViewName(HttpContext http)
    {
        var name = http.GetEndpoint()?.Metadata.GetMetadata<KolibriView>()?.Name;
        if (name is null) return "";
        return http.Request.RouteValues.ContainsKey("id") ? name + " Instance" : name + " List";
    }

    public sealed record DetailBody([property: JsonPropertyName("detail")] string Detail);
}
