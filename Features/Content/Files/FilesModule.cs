using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.Files;

/// <summary>/api/content/file/: read-only, open to everyone.</summary>
public sealed class FilesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/file").WithTags("Files").WithMetadata(new KolibriView("File"));
        group.MapGet("/", ListFiles.HandleAsync);
        group.MapGet("/{id}/", GetFile.HandleAsync);
    }
}
