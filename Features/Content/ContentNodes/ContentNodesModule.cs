using Carter;
using KolibriSlices.Features.Content.RemoteProxy;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>/api/content/contentnode/: read-only, open to everyone, ETag'd with the content cache key.</summary>
public sealed class ContentNodesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/contentnode").WithTags("Content nodes")
            .WithMetadata(new KolibriView("Content Node Viewset")).AddEndpointFilter(ContentProxy.Filter).AddEndpointFilter(ContentCache.EtagFilter);
        group.MapGet("/", ListContentNodes.HandleAsync);
        group.MapGet("/random/", RandomContentNodes.HandleAsync);
        group.MapGet("/descendant_counts/", DescendantCounts.HandleAsync);
        group.MapGet("/descendants_assessments/", DescendantsAssessments.HandleAsync);
        group.MapGet("/{id}/", GetContentNode.HandleAsync);
        group.MapGet("/{id}/recommendations_for/", RecommendationsFor.HandleAsync);
    }
}
