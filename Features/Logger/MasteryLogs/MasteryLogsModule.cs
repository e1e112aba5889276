using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.MasteryLogs;

/// <summary>/api/logger/masterylog/: a learner's tries at an assessment, newest first, and how each compares to the one before.</summary>
public sealed class MasteryLogsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/logger/masterylog").WithTags("Mastery logs").WithMetadata(new KolibriView("Mastery Log"));
        group.MapGet("/", ListMasteryLogs.HandleAsync);
        group.MapGet("/{id}/", GetMasteryLog.HandleAsync);
        group.MapGet("/{id}/diff/", DiffMasteryLog.HandleAsync);
    }
}
