using Carter;
using KolibriSlices.Features.Content.RemoteProxy;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.Channels;

/// <summary>/api/content/channel/ and /api/content/channel-thumbnail/: read-only, open to everyone.</summary>
public sealed class ChannelsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content/channel").WithTags("Channels")
            .WithMetadata(new KolibriView("Channel Metadata")).AddEndpointFilter(ContentProxy.Filter).AddEndpointFilter(ContentCache.EtagFilter);
        group.MapGet("/", ListChannels.HandleAsync);
        group.MapGet("/filter_options/", ChannelFilterOptions.HandleAsync);
        group.MapGet("/{id}/", GetChannel.HandleAsync);

        app.MapGet("/api/content/channel-thumbnail/{id}/", GetChannelThumbnail.HandleAsync)
            .WithTags("Channels").WithMetadata(new KolibriView("Channel Thumbnail"));
    }
}
