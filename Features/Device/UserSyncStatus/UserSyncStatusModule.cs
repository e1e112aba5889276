using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.UserSyncStatus;

/// <summary>/api/device/usersyncstatus/ and /&lt;id&gt;/: how recently each readable user's data synced.</summary>
public sealed class UserSyncStatusModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/device/usersyncstatus").WithTags("Device").WithMetadata(new KolibriView("User Sync Status"));
        group.MapGet("/", ListUserSyncStatus.HandleAsync);
        group.MapGet("/{id}/", GetUserSyncStatus.HandleAsync);
    }
}
