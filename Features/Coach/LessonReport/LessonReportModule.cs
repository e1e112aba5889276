using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.LessonReport;

/// <summary>/coach/api/lessonreport/: how many assigned learners completed each resource of a lesson.</summary>
public sealed class LessonReportModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/coach/api/lessonreport").WithTags("Coach").WithMetadata(new KolibriView("Lesson Report"));
        group.MapGet("/", LessonReports.ListAsync);
        group.MapGet("/{id}/", LessonReports.GetAsync);
    }
}
