using Dapper;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.UserNodes;

/// <summary>
/// The common node filters (content contract §3) the learning-side node endpoints honour: available-only unless
/// no_available_filtering, ids, parent, content_id, channel_id, kind (or "content"), kind_in, include_coach_content,
/// exclude_content_ids.
/// </summary>
public static class NodeFilters
{
    public static readonly string[] Kinds = ["topic", "video", "audio", "exercise", "document", "html5", "slideshow", "h5p", "zim", "quiz", "content"];

    public static (List<string> Where, IResult? Error) Parse(HttpRequest request, DynamicParameters args, string alias = "n")
    {
        var query = new QueryParams(request);
        var where = new List<string>();
        if (query.Get("no_available_filtering") is null) where.Add($"{alias}.available = TRUE");
        if (query.IdList("ids") is { } ids)
        {
            where.Add($"{alias}.id IN @filter_ids");
            args.Add("filter_ids", ids);
        }
        if (query.Uuid("parent") is { } parent)
        {
            where.Add($"{alias}.parent_id = @filter_parent");
            args.Add("filter_parent", parent);
        }
        if (query.Uuid("content_id") is { } contentId)
        {
            where.Add($"{alias}.content_id = @filter_content");
            args.Add("filter_content", contentId);
        }
        if (query.Uuid("channel_id") is { } channelId)
        {
            where.Add($"{alias}.channel_id = @filter_channel");
            args.Add("filter_channel", channelId);
        }
        if (query.Choice("kind", Kinds) is { } kind)
        {
            where.Add(kind == "content" ? $"{alias}.kind <> 'topic'" : $"{alias}.kind = @filter_kind");
            args.Add("filter_kind", kind);
        }
        if (query.Get("kind_in") is { } kindIn)
        {
            where.Add($"{alias}.kind IN @filter_kinds");
            args.Add("filter_kinds", kindIn.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        if (query.Bool("include_coach_content") == false) where.Add($"{alias}.coach_content = FALSE");
        if (query.Get("exclude_content_ids") is { } excluded)
        {
            var parts = excluded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Ids.Normalize).ToList();
            if (parts.Any(p => p is null)) where.Add("1 = 0");
            else
            {
                where.Add($"NOT ({alias}.content_id IN @filter_excluded)");
                args.Add("filter_excluded", parts.ToArray());
            }
        }
        return (where, query.Errors);
    }
}
