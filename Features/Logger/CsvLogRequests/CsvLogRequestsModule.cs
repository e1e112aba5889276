using Carter;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.CsvLogRequests;

/// <summary>/api/logger/generatecsvlogrequest/: facility admins' requests for session/summary log exports.</summary>
public sealed class CsvLogRequestsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/logger/generatecsvlogrequest").WithTags("CSV log requests")
            .WithMetadata(new KolibriView("Generate C S V Log Request"));
        group.MapGet("/", ListCsvLogRequests.HandleAsync);
        group.MapGet("/{id}/", GetCsvLogRequest.HandleAsync);
        group.MapPost("/", CreateCsvLogRequest.HandleAsync);
        group.MapPut("/{id}/", (HttpContext http, Db db, TimeProvider clock, string id) => UpdateCsvLogRequest.HandleAsync(http, db, clock, id, partial: false));
        group.MapPatch("/{id}/", (HttpContext http, Db db, TimeProvider clock, string id) => UpdateCsvLogRequest.HandleAsync(http, db, clock, id, partial: true));
        group.MapDelete("/{id}/", DeleteCsvLogRequest.HandleAsync);
    }
}
