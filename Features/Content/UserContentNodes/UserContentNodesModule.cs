using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.UserContentNodes;

/// <summary>/api/content/usercontentnode/: nodes chosen by the caller's own activity (resume, next steps, popular, lesson).</summary>
public sealed class UserContentNodesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/usercontentnode").WithTags("Content").WithMetadata(new KolibriView("User Content Node"));
        group.MapGet("/", ListUserContentNodes.HandleAsync);
    }
}
