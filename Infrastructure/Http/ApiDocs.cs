using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// The generated OpenAPI document (/openapi/v1.json). The generator drops trailing slashes, which Kolibri's URLs
/// require (a slashless request is a 301), so the paths are put back as routed.
/// </summary>
public static class ApiDocs
{
    public static IServiceCollection AddKolibriApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, context, _) =>
        {
            var slashed = context.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
                .Where(p => p.Length > 1 && p.EndsWith('/'))
                .ToHashSet();
            var paths = new OpenApiPaths();
            foreach (var (path, item) in document.Paths)
                paths[slashed.Contains(path + "/") ? path + "/" : path] = item;
            document.Paths = paths;
            document.Info.Title = "KolibriSlices: Kolibri-compatible REST API";
            return Task.CompletedTask;
        }));
}
