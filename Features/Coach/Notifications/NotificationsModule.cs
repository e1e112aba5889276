using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Coach.Notifications;

/// <summary>/coach/api/notifications/: learners' progress events in a classroom, newest first.</summary>
public sealed class NotificationsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/coach/api/notifications").WithTags("Coach").WithMetadata(new KolibriView("Classroom Notifications"));
        group.MapGet("/", ListNotifications.HandleAsync);
    }
}
