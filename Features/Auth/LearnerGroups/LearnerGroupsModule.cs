using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.LearnerGroups;

/// <summary>/api/auth/learnergroup/: groups of a classroom with their members; coaches of the classroom manage them.</summary>
public sealed class LearnerGroupsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth/learnergroup").WithTags("Learner groups").WithMetadata(new KolibriView("Learner Group"));
        group.MapGet("/", ListLearnerGroups.HandleAsync);
        group.MapPost("/", CreateLearnerGroup.HandleAsync);
        group.MapGet("/{id}/", GetLearnerGroup.HandleAsync);
        group.MapPut("/{id}/", UpdateLearnerGroup.HandleAsync);
        group.MapPatch("/{id}/", UpdateLearnerGroup.HandleAsync);
        group.MapDelete("/{id}/", DeleteLearnerGroup.HandleAsync);
    }
}
