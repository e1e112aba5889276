using System.Runtime.CompilerServices;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

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

/// <summary>
/// The <c>labels</c> facets of a paginated contentnode list, over the whole filtered set (not the page). One pass over
/// the set's label columns, which stops as soon as it has seen every label the device's content has at all: a broad
/// filter on a large channel (a common keyword) then reads a few dozen rows instead of every match.
/// </summary>
public static class NodeLabels
{
    private const string LabelColumns = """
        n.learning_activities_bitmask_0, n.categories_bitmask_0, n.grade_levels_bitmask_0,
        n.accessibility_labels_bitmask_0, n.learner_needs_bitmask_0, n.lang_id, n.channel_id
        """;

    private sealed record LabelRow
    {
        public long? LearningActivitiesBitmask0 { get; init; }
        public long? CategoriesBitmask0 { get; init; }
        public long? GradeLevelsBitmask0 { get; init; }
        public long? AccessibilityLabelsBitmask0 { get; init; }
        public long? LearnerNeedsBitmask0 { get; init; }
        public string? LangId { get; init; }
        public required string ChannelId { get; init; }
    }

    /// <summary>Labels seen so far: the five bitmasks OR-ed, and the languages and channels.</summary>
    private sealed class Seen
    {
        public readonly long[] Masks = new long[5];
        public readonly HashSet<string> Languages = [];
        public readonly HashSet<string> Channels = [];

        public void Add(LabelRow row)
        {
            Masks[0] |= row.LearningActivitiesBitmask0 ?? 0;
            Masks[1] |= row.CategoriesBitmask0 ?? 0;
            Masks[2] |= row.GradeLevelsBitmask0 ?? 0;
            Masks[3] |= row.AccessibilityLabelsBitmask0 ?? 0;
            Masks[4] |= row.LearnerNeedsBitmask0 ?? 0;
            if (row.LangId is not null) Languages.Add(row.LangId);
            Channels.Add(row.ChannelId);
        }

        public bool Covers(Seen other) =>
            Masks.Zip(other.Masks).All(m => (m.First & m.Second) == m.Second)
            && other.Languages.IsSubsetOf(Languages) && other.Channels.IsSubsetOf(Channels);
    }

    /// <summary>Every label of every node, per database and content cache key (which each import renews).</summary>
    private static readonly ConditionalWeakTable<Db, Tuple<string, Seen>> AllLabels = new();

    private static async Task<Seen> AllLabelsAsync(DbConn conn)
    {
        var key = await ContentCache.ReadAsync(conn);
        if (AllLabels.TryGetValue(conn.Db, out var cached) && cached.Item1 == key) return cached.Item2;
        var all = new Seen();
        foreach (var row in await conn.QueryAsync<LabelRow>($"SELECT DISTINCT {LabelColumns} FROM content_contentnode n")) all.Add(row);
        AllLabels.AddOrUpdate(conn.Db, Tuple.Create(key, all));
        return all;
    }

    public static async Task<NodeLabelsObject> ComputeAsync(DbConn conn, NodeFilters filters)
    {
        var all = await AllLabelsAsync(conn);
        var seen = new Seen();
        await foreach (var row in conn.QueryUnbufferedAsync<LabelRow>($"SELECT {LabelColumns} FROM content_contentnode n WHERE {filters.Where}", filters.Args))
        {
            seen.Add(row);
            if (seen.Covers(all)) break;
        }
        IReadOnlyList<string> Present(string[] vocabulary, long mask) =>
            vocabulary.Where((_, j) => (mask & (1L << j)) != 0).ToList();
        var languages = seen.Languages.Count == 0 ? [] : (await conn.QueryAsync<LabelLanguage>("""
            SELECT l.id, l.lang_name FROM content_language l WHERE l.id IN @ids ORDER BY l.id COLLATE "BINARY"
            """, new { ids = seen.Languages.ToArray() })).ToList();
        var channels = (await conn.QueryAsync<LabelChannel>("""
            SELECT c.id, c.name FROM content_channelmetadata c WHERE c.id IN @ids ORDER BY c."order", c.id
            """, new { ids = seen.Channels.ToArray() })).ToList();
        return new NodeLabelsObject
        {
            LearningActivities = Present(ContentLabels.LearningActivities, seen.Masks[0]),
            Categories = Present(ContentLabels.Categories, seen.Masks[1]),
            GradeLevels = Present(ContentLabels.GradeLevels, seen.Masks[2]),
            AccessibilityLabels = Present(ContentLabels.AccessibilityLabels, seen.Masks[3]),
            LearnerNeeds = Present(ContentLabels.LearnerNeeds, seen.Masks[4]),
            Languages = languages,
            Channels = channels,
        };
    }
}
