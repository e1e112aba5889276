using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.UserProgress;

/// <summary>/api/logger/userprogress/&lt;user_id&gt;/: the caller's own count of completed things.</summary>
public sealed class UserProgressModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/logger/userprogress").WithTags("User progress").WithMetadata(new KolibriView("User Progress"));
        group.MapGet("/{id}/", GetUserProgress.HandleAsync);
    }
}
