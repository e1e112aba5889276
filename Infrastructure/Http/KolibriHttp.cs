using System.Text.Encodings.Web;
using System.Text.Json;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using Microsoft.AspNetCore.Routing.Patterns;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>The wire conventions every slice shares: JSON shape, errors, trailing slashes, sessions and CSRF.</summary>
public static class KolibriHttp
{
    public static IServiceCollection AddKolibriHttp(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Passwords>();
        services.AddSingleton<Sessions>();
        return services;
    }

    public static WebApplication UseKolibriHttp(this WebApplication app)
    {
        app.Use(HandleExceptions);
        app.Use(ReadNulAsSpace);
        app.UseRouting();
        app.Use(ApplyRouteConventions);
        app.Use(LoadSessionAndCheckCsrf);
        return app;
    }

    /// <summary>
    /// A U+0000 in a query parameter reads as a space. No stored text holds one (writes refuse it), and PostgreSQL refuses
    /// it in a parameter: a 500 in Kolibri, and here Npgsql's automatic preparation was then out of step with the server,
    /// failing the connection's next request too. Search terms and keywords split on it; any other filter matches nothing
    /// or fails its own validation.
    /// </summary>
    private static Task ReadNulAsSpace(HttpContext http, RequestDelegate next)
    {
        if (http.Request.QueryString.Value is { } query && query.Contains("%00", StringComparison.Ordinal))
            http.Request.Query = new QueryCollection(http.Request.Query.ToDictionary(
                p => p.Key, p => new Microsoft.Extensions.Primitives.StringValues(p.Value.Select(v => v?.Replace('\0', ' ')).ToArray())));
        return next(http);
    }

    /// <summary>
    /// Unhandled exceptions are logged and answered with a JSON 500 that leaks nothing; a database that is busy for now
    /// (<see cref="Db.IsBusy"/>) with a 503 and <c>Retry-After</c>.
    /// </summary>
    private static async Task HandleExceptions(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await KolibriErrors.Detail(e.StatusCode, e.Message).ExecuteAsync(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!http.Response.HasStarted && Db.IsBusy(e))
        {
            // Kolibri answers a locked database with 503 too; a client may send the same request again.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("KolibriSlices")
                .LogWarning(e, "Database busy on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Clear();
            http.Response.Headers.RetryAfter = "1";
            await KolibriErrors.Detail(503, "The database is busy. Try again in a moment.").ExecuteAsync(http);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("KolibriSlices")
                .LogError(e, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await KolibriErrors.Detail(500, "A server error occurred.").ExecuteAsync(http);
        }
    }

    /// <summary>
    /// Kolibri's URL rules: a slashed route asked for without its slash is a 301 to the slashed URL; an unslashed route
    /// asked for with one, and any unrouted path, is a JSON 404; an unmapped method is DRF's 405 body.
    /// </summary>
    private static async Task ApplyRouteConventions(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null)
        {
            await KolibriErrors.NotFound(http).ExecuteAsync(http);
            return;
        }
        if (endpoint is RouteEndpoint route && !route.RoutePattern.Parameters.Any(p => p.IsCatchAll))
        {
            var path = http.Request.Path.Value ?? "";
            var slashedRoute = route.RoutePattern.RawText?.EndsWith('/') ?? false;
            if (slashedRoute && !path.EndsWith('/'))
            {
                http.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                http.Response.Headers.Location = http.Request.PathBase + path + "/" + http.Request.QueryString;
                return;
            }
            if (!slashedRoute && path.EndsWith('/'))
            {
                await KolibriErrors.NotFound(http).ExecuteAsync(http);
                return;
            }
        }
        await next(http);
        if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !http.Response.HasStarted)
            await KolibriErrors.Detail(405, $"Method \"{http.Request.Method}\" not allowed.").ExecuteAsync(http);
    }

    /// <summary>
    /// Loads the session's user for the whole request, then enforces CSRF: on every unsafe request with a logged-in
    /// session, and on endpoints marked <see cref="CsrfAlways"/> even for anonymous callers.
    /// </summary>
    private static async Task LoadSessionAndCheckCsrf(HttpContext http, RequestDelegate next)
    {
        var user = await http.RequestServices.GetRequiredService<Sessions>().LoadAsync(http);
        CurrentUser.Set(http, user);
        if (!Csrf.IsSafe(http.Request.Method)
            && (user is not null || http.GetEndpoint()?.Metadata.GetMetadata<CsrfAlways>() is not null)
            && !Csrf.IsValid(http.Request))
        {
            await KolibriErrors.Forbidden(http, "PERMISSION_DENIED").ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}
