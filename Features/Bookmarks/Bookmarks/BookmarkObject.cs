using Dapper;
using KolibriSlices.Infrastructure.Auth;

namespace KolibriSlices.Features.Bookmarks.Bookmarks;

/// <summary>The bookmark as the API sends it, and who may see it (its owner; a superuser sees all).</summary>
public static class BookmarkObject
{
    public sealed record Item
    {
        public required string Id { get; init; }
        public required string ContentnodeId { get; init; }
        public string? ContentId { get; init; }
        public string? ChannelId { get; init; }
    }

    public sealed record Owned
    {
        public required string UserId { get; init; }
        public required string ContentnodeId { get; init; }
    }

    public const string Select = "SELECT b.id, b.contentnode_id, b.content_id, b.channel_id FROM bookmarks_bookmark b";

    public static string Visible(CurrentUser? user, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("owner", user.Id);
        return "b.user_id = @owner";
    }
}
