using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeGranular;

public sealed class ContentNodeGranularModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/contentnode_granular").WithTags("Content nodes")
            .WithMetadata(new KolibriView("Content Node Granular Viewset")).AddEndpointFilter(ContentCache.EtagFilter);
        group.MapGet("/{id}/", GetContentNodeGranular.HandleAsync);
    }
}
