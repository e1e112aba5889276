using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeProgress;

/// <summary>/api/content/contentnodeprogress/: the caller's progress on matching resources.</summary>
public sealed class ContentNodeProgressModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/contentnodeprogress").WithTags("Content").WithMetadata(new KolibriView("Content Node Progress"));
        group.MapGet("/", ListNodeProgress.HandleAsync);
        group.MapGet("/{id}/tree/", TreeNodeProgress.HandleAsync);
    }
}
