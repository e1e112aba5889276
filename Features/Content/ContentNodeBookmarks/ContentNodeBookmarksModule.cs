using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodeBookmarks;

/// <summary>/api/content/contentnode_bookmarks/: the caller's bookmarked nodes, newest first.</summary>
public sealed class ContentNodeBookmarksModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/contentnode_bookmarks").WithTags("Content").WithMetadata(new KolibriView("Content Node Bookmarks"));
        group.MapGet("/", ListBookmarkedNodes.HandleAsync);
    }
}
