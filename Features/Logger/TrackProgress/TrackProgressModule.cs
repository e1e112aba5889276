using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.TrackProgress;

/// <summary>/api/logger/trackprogress/: start a content session (POST) and report progress on it (PUT). CSRF for everyone.</summary>
public sealed class TrackProgressModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/logger/trackprogress").WithTags("Progress tracking")
            .WithMetadata(new KolibriView("Progress Tracking"), new CsrfAlways());
        group.MapPost("/", StartSession.HandleAsync);
        group.MapPut("/{id}/", UpdateSession.HandleAsync);
    }
}
