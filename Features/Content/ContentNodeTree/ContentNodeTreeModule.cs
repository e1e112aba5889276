using Carter;
using KolibriSlices.Features.Content.RemoteProxy;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeTree;

/// <summary>/api/content/contentnode_tree/&lt;id&gt;/: detail only (the list URL is a 404), open to everyone, ETag'd.</summary>
public sealed class ContentNodeTreeModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/contentnode_tree").WithTags("Content nodes")
            .WithMetadata(new KolibriView("Content Node Tree Viewset")).AddEndpointFilter(ContentProxy.Filter).AddEndpointFilter(ContentCache.EtagFilter);
        group.MapGet("/{id}/", GetContentNodeTree.HandleAsync);
    }
}
