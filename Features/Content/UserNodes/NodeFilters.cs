using Dapper;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.UserNodes;

/// <summary>
/// The node filters of content contract §3 that the learning-side node endpoints honour: available-only unless
/// no_available_filtering, ids, parent, parent__isnull, content_id, channel_id, channels, languages, kind (or "content"),
/// kind_in, include_coach_content, exclude_content_ids, the label filters, categories__isnull, tree_id, lft__gt, rght__lt,
/// authors, tags, descendant_of.
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
        if (query.Bool("parent__isnull") is { } isRoot) where.Add(isRoot ? $"{alias}.parent_id IS NULL" : $"{alias}.parent_id IS NOT NULL");
        if (query.IdList("channels") is { } channels)
        {
            where.Add($"{alias}.channel_id IN @filter_channels");
            args.Add("filter_channels", channels);
        }
        if (query.Get("languages") is { } languages)
        {
            where.Add($"{alias}.lang_id IN @filter_languages");
            args.Add("filter_languages", Csv(languages));
        }
        foreach (var label in new[] { "learning_activities", "categories", "grade_levels", "accessibility_labels", "learner_needs", "resource_types" })
        {
            if (query.Get(label) is not { } values) continue;
            var i = 0;
            foreach (var value in Csv(values))
            {
                var name = $"filter_{label}_{i++}";
                where.Add($"{alias}.{label} LIKE @{name} ESCAPE '\\'");
                args.Add(name, "%" + value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            }
        }
        if (query.Bool("categories__isnull") is { } noCategories) where.Add(noCategories ? $"{alias}.categories IS NULL" : $"{alias}.categories IS NOT NULL");
        if (query.Int("tree_id") is { } treeId)
        {
            where.Add($"{alias}.tree_id = @filter_tree");
            args.Add("filter_tree", treeId);
        }
        if (query.Int("lft__gt") is { } lftGt)
        {
            where.Add($"{alias}.lft > @filter_lft_gt");
            args.Add("filter_lft_gt", lftGt);
        }
        if (query.Int("rght__lt") is { } rghtLt)
        {
            where.Add($"{alias}.rght < @filter_rght_lt");
            args.Add("filter_rght_lt", rghtLt);
        }
        if (query.Get("authors") is { } authors)
        {
            where.Add($"{alias}.author IN @filter_authors");
            args.Add("filter_authors", Csv(authors));
        }
        if (query.Get("tags") is { } tags)
        {
            where.Add($"""
                {alias}.id IN (SELECT nt.contentnode_id FROM content_contentnode_tags nt JOIN content_contenttag t ON t.id = nt.contenttag_id
                               WHERE t.tag_name IN @filter_tags)
                """);
            args.Add("filter_tags", Csv(tags));
        }
        if (query.Get("descendant_of") is { } ancestor)
        {
            where.Add($"""
                EXISTS (SELECT 1 FROM content_contentnode d WHERE d.id = @filter_ancestor AND d.tree_id = {alias}.tree_id
                        AND {alias}.lft > d.lft AND {alias}.rght < d.rght)
                """);
            args.Add("filter_ancestor", Ids.Normalize(ancestor) ?? "");
        }
        return (where, query.Errors);
    }

    private static string[] Csv(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
