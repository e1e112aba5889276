using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ContentNodes;

public sealed record LabelLanguage
{
    public required string Id { get; init; }
    public string? LangName { get; init; }
}

public sealed record LabelChannel
{
    public required string Id { get; init; }
    public required string Name { get; init; }
}

public sealed record NodeLabelsObject
{
    public required IReadOnlyList<string> LearningActivities { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required IReadOnlyList<string> GradeLevels { get; init; }
    public required IReadOnlyList<string> AccessibilityLabels { get; init; }
    public required IReadOnlyList<string> LearnerNeeds { get; init; }
    public required IReadOnlyList<LabelLanguage> Languages { get; init; }
    public required IReadOnlyList<LabelChannel> Channels { get; init; }
}

/// <summary>The <c>labels</c> facets of a paginated contentnode list, over the whole filtered set (not the page).</summary>
public static class NodeLabels
{
    private sealed record MaskRow
    {
        public long? LearningActivitiesBitmask0 { get; init; }
        public long? CategoriesBitmask0 { get; init; }
        public long? GradeLevelsBitmask0 { get; init; }
        public long? AccessibilityLabelsBitmask0 { get; init; }
        public long? LearnerNeedsBitmask0 { get; init; }
    }

    public static async Task<NodeLabelsObject> ComputeAsync(DbConn conn, NodeFilters filters)
    {
        var masks = (await conn.QueryAsync<MaskRow>($"""
            SELECT DISTINCT n.learning_activities_bitmask_0, n.categories_bitmask_0, n.grade_levels_bitmask_0,
                n.accessibility_labels_bitmask_0, n.learner_needs_bitmask_0
            FROM content_contentnode n WHERE {filters.Where}
            """, filters.Args)).ToList();
        IReadOnlyList<string> Present(string[] vocabulary, Func<MaskRow, long?> mask)
        {
            var all = masks.Aggregate(0L, (acc, m) => acc | (mask(m) ?? 0));
            return vocabulary.Where((_, j) => (all & (1L << j)) != 0).ToList();
        }
        var languages = (await conn.QueryAsync<LabelLanguage>($"""
            SELECT l.id, l.lang_name FROM content_language l
            WHERE l.id IN (SELECT n.lang_id FROM content_contentnode n WHERE {filters.Where})
            ORDER BY l.id COLLATE "BINARY"
            """, filters.Args)).ToList();
        var channels = (await conn.QueryAsync<LabelChannel>($"""
            SELECT c.id, c.name FROM content_channelmetadata c
            WHERE c.id IN (SELECT n.channel_id FROM content_contentnode n WHERE {filters.Where})
            ORDER BY c."order", c.id
            """, filters.Args)).ToList();
        return new NodeLabelsObject
        {
            LearningActivities = Present(ContentLabels.LearningActivities, m => m.LearningActivitiesBitmask0),
            Categories = Present(ContentLabels.Categories, m => m.CategoriesBitmask0),
            GradeLevels = Present(ContentLabels.GradeLevels, m => m.GradeLevelsBitmask0),
            AccessibilityLabels = Present(ContentLabels.AccessibilityLabels, m => m.AccessibilityLabelsBitmask0),
            LearnerNeeds = Present(ContentLabels.LearnerNeeds, m => m.LearnerNeedsBitmask0),
            Languages = languages,
            Channels = channels,
        };
    }
}
