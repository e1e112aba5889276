using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeSearch;

/// <summary>/api/content/contentnode_search/: keyword search over node titles and descriptions, open to everyone, ETag'd.</summary>
public sealed class ContentNodeSearchModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/contentnode_search").WithTags("Content nodes")
            .WithMetadata(new KolibriView("Content Node Search Viewset")).AddEndpointFilter(ContentCache.EtagFilter);
        group.MapGet("/", SearchContentNodes.ListAsync);
        group.MapGet("/{id}/", SearchContentNodes.DetailAsync);
    }
}
