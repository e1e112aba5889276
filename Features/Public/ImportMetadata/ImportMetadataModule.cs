using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Public.ImportMetadata;

/// <summary>/api/public/v2/importmetadata/: the peer-import protocol (another device imports part of a channel).</summary>
public sealed class ImportMetadataModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/v2/importmetadata/{id}/", GetImportMetadata.HandleAsync).WithTags("Public").WithMetadata(new KolibriView("Import Metadata"));
}
