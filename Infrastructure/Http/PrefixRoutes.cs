namespace KolibriSlices.Infrastructure.Http;

public static class PrefixRoutes
{
    /// <summary>
    /// Kolibri's non-router device views match as prefixes: <c>/api/device/deviceinfo/</c> and anything below it. Maps
    /// both; metadata set on the returned group applies to both. The bare path without a slash still gets the 301.
    /// </summary>
    public static RouteGroupBuilder MapPrefix(this IEndpointRouteBuilder app, string path, IEnumerable<string> methods, Delegate handler)
    {
        var group = app.MapGroup(path);
        var list = methods.ToList();
        group.MapMethods("/", list, handler);
        group.MapMethods("/{**rest}", list, handler);
        return group;
    }
}
