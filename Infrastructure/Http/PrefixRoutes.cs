namespace KolibriSlices.Infrastructure.Http;

public static class PrefixRoutes
{
    /// <summary>
    /// Kolibri's non-router device views match as prefixes: <c>/api/device/deviceinfo/</c> and anything below it.
    /// <paramref name="map"/> maps the handler on the pattern it is given, and is called for both; metadata set on the
    /// returned group applies to both. The bare path without a slash still gets the 301. The handler is mapped at the
    /// caller's site, where its type is known, so the request delegate generator compiles it instead of the runtime.
    /// </summary>
    public static RouteGroupBuilder MapPrefix(this IEndpointRouteBuilder app, string path, Action<IEndpointRouteBuilder, string> map)
    {
        var group = app.MapGroup(path);
        map(group, "/");
        map(group, "/{**rest}");
        return group;
    }
}
