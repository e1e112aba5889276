using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.AttemptLogs;

/// <summary>/api/logger/attemptlog/: question attempts the caller may read.</summary>
public sealed class AttemptLogsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/logger/attemptlog").WithTags("Attempt logs").WithMetadata(new KolibriView("Attempt Log"));
        group.MapGet("/", ListAttemptLogs.HandleAsync);
        group.MapGet("/{id}/", GetAttemptLog.HandleAsync);
    }
}
