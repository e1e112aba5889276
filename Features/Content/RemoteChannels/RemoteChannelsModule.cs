using Carter;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.RemoteChannels;

public sealed class RemoteChannelsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/remotechannel").WithTags("Remote channels").WithMetadata(new KolibriView("Remote Channel"));
        group.MapGet("/", RemoteChannels.List);
        group.MapGet("/kolibri_studio_status/", RemoteChannels.StudioStatus);
        group.MapGet("/{id}/", RemoteChannels.Detail);
    }
}
