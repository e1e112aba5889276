using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.ClassSummary;

/// <summary>/coach/api/classsummary/&lt;classroom_id&gt;/: everything the coach dashboard shows about one classroom.</summary>
public sealed class ClassSummaryModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/coach/api/classsummary").WithTags("Coach").WithMetadata(new KolibriView("Class Summary"));
        group.MapGet("/{id}/", GetClassSummary.HandleAsync);
    }
}
