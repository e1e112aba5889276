using Carter;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Learn.Home;

/// <summary>
/// /learn/api/state and /learn/api/homehydrate: Kolibri serves both with and without the trailing slash, so each is one
/// catch-all route that accepts only the empty remainder (two routes would be an ambiguous match).
/// </summary>
public sealed class HomeModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/learn/api").WithTags("Learn").WithMetadata(new KolibriView("Learn State"));
        group.MapGet("/state/{**rest}", (HttpContext http, Db db, string? rest) =>
            string.IsNullOrEmpty(rest) ? LearnState.HandleAsync(http, db) : Task.FromResult(KolibriErrors.NotFound(http)));
        group.MapGet("/homehydrate/{**rest}", (HttpContext http, Db db, string? rest) =>
            string.IsNullOrEmpty(rest) ? HomeHydrate.HandleAsync(http, db) : Task.FromResult(KolibriErrors.NotFound(http)));
    }
}
