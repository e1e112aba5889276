using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentRequests;

/// <summary>/api/content/contentrequest/: a logged-in user's own download and removal requests.</summary>
public sealed class ContentRequestsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/contentrequest").WithTags("Content requests").WithMetadata(new KolibriView("Content Request"));
        group.MapGet("/", ListContentRequests.HandleAsync);
        group.MapPost("/", CreateContentRequest.HandleAsync);
        group.MapDelete("/", DeleteContentRequest.WithoutId);
        group.MapGet("/{id}/", GetContentRequest.HandleAsync);
        group.MapDelete("/{id}/", DeleteContentRequest.HandleAsync);
    }
}
