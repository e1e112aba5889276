using System.Runtime.CompilerServices;
using Dapper;
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

/// <summary>What <see cref="NodeFilters.MayKeep"/> tests of a node: its kind, its labels as stored, its language and coach flag.</summary>
public sealed record NodeTraits
{
    public required string Kind { get; init; }
    public string? LangId { get; init; }
    public bool CoachContent { get; init; }
    public string? LearningActivities { get; init; }
    public string? Categories { get; init; }
    public string? GradeLevels { get; init; }
    public string? AccessibilityLabels { get; init; }
    public string? LearnerNeeds { get; init; }
    public string? ResourceTypes { get; init; }

    /// <summary>The stored labels of a label column, by its name.</summary>
    public string? Labels(string field) => field switch
    {
        "learning_activities" => LearningActivities,
        "categories" => Categories,
        "grade_levels" => GradeLevels,
        "accessibility_labels" => AccessibilityLabels,
        "learner_needs" => LearnerNeeds,
        "resource_types" => ResourceTypes,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a label column"),
    };
}

/// <summary>
/// The <c>labels</c> facets of a paginated contentnode list, over the whole filtered set (not the page). One pass over
/// the set's label columns, which stops as soon as it has seen every label the set can hold: the labels of the
/// available nodes (of every node with no_available_filtering) of the channels the filter keeps. A broad filter on a
/// large channel (a common keyword) then reads a few dozen rows instead of every match, and neither the nodes a device
/// has not downloaded nor its other channels keep a channel's listing from stopping. A filter on kind, labels, language
/// or coach content narrows what the set can hold to the labels of the nodes with such traits (a page of videos stops
/// once it has seen the labels videos have, not every activity).
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
        /// <summary>Read by the device-wide pass only.</summary>
        public bool Available { get; init; }
        /// <summary>Read by the device-wide pass only.</summary>
        public NodeTraits? Traits { get; init; }
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

        public void Add(Seen other)
        {
            for (var i = 0; i < Masks.Length; i++) Masks[i] |= other.Masks[i];
            Languages.UnionWith(other.Languages);
            Channels.UnionWith(other.Channels);
        }

        public bool Covers(Seen other) =>
            Masks.Zip(other.Masks).All(m => (m.First & m.Second) == m.Second)
            && other.Languages.IsSubsetOf(Languages) && other.Channels.IsSubsetOf(Channels);
    }

    /// <summary>
    /// A channel's distinct combinations of labels, traits and availability, with the labels of all its nodes and of the
    /// available ones taken from them once; and where its rows are (SQLite): its first and last rowid, and the rowid
    /// <see cref="FirstRows"/> rows after the first.
    /// </summary>
    private sealed record ChannelLabels(string Id, List<LabelRow> Combinations, long FirstRowid, long LastRowid, long FirstRowsEnd, long Nodes)
    {
        private readonly Seen _all = Union(Combinations);
        private readonly Seen _available = Union(Combinations.Where(c => c.Available));

        /// <summary>Every label a node of this channel that <paramref name="filters"/> keeps can have.</summary>
        public Seen Possible(NodeFilters filters) => filters.TestsTraits
            ? Union(Combinations.Where(c => (filters.AllNodes || c.Available) && filters.MayKeep(c.Traits!)))
            : filters.AllNodes ? _all : _available;
    }

    private sealed record ChannelRows
    {
        public required string ChannelId { get; init; }
        public long FirstRowid { get; init; }
        public long LastRowid { get; init; }
        public long Nodes { get; init; }
    }

    /// <summary>Per database and content cache key, which each import and each change of availability renews.</summary>
    private sealed record DeviceLabels(string Key, IReadOnlyList<ChannelLabels> Channels);

    private static readonly ConditionalWeakTable<Db, DeviceLabels> Device = new();

    private static async Task<DeviceLabels> DeviceLabelsAsync(DbConn conn)
    {
        var key = await ContentCache.ReadAsync(conn);
        if (Device.TryGetValue(conn.Db, out var cached) && cached.Key == key) return cached;
        var combinations = (await conn.QueryAsync<LabelRow, NodeTraits, LabelRow>($"""
            SELECT DISTINCT {LabelColumns}, n.available, n.kind, n.lang_id, n.coach_content, n.learning_activities, n.categories,
                   n.grade_levels, n.accessibility_labels, n.learner_needs, n.resource_types
            FROM content_contentnode n
            """, (labels, traits) => labels with { Traits = traits }, splitOn: "kind"))
            .ToLookup(c => c.ChannelId);
        // PostgreSQL has no rowid: a channel's rows are found by its condition alone.
        var rowids = conn.Db.IsSqlite ? "MIN(rowid) AS first_rowid, MAX(rowid) AS last_rowid" : "0 AS first_rowid, 0 AS last_rowid";
        var rows = await conn.QueryAsync<ChannelRows>($"SELECT channel_id, {rowids}, COUNT(*) AS nodes FROM content_contentnode GROUP BY channel_id");
        var channels = new List<ChannelLabels>();
        foreach (var r in rows)
        {
            var firstRowsEnd = conn.Db.IsSqlite && r.Nodes > FirstRows
                ? await conn.ExecuteScalarAsync<long>("SELECT rowid FROM content_contentnode WHERE rowid >= @first ORDER BY rowid LIMIT 1 OFFSET @skip",
                    new { first = r.FirstRowid, skip = FirstRows - 1 })
                : r.LastRowid;
            channels.Add(new ChannelLabels(r.ChannelId, combinations[r.ChannelId].ToList(), r.FirstRowid, r.LastRowid, firstRowsEnd, r.Nodes));
        }
        var device = new DeviceLabels(key, channels);
        Device.AddOrUpdate(conn.Db, device);
        return device;
    }

    /// <summary>How many rows of a channel the labels of a keyword page read first, when the page came from the ordered walk.</summary>
    private const int FirstRows = 1000;

    /// <summary>
    /// The labels of the filtered set. When the filter can keep nodes of several channels, each is read by itself (its
    /// rows, or an index of the filter) until it shows every label its nodes can have, so that one channel's nodes are
    /// never read through for another's: on a device of two channels, a plain page's labels read every node of the
    /// first channel before they met the second (285 ms of CPU per page at 110,000 nodes). Matches the trigram index
    /// found are read in one pass instead: per channel, each pass would find them again.
    /// </summary>
    public static async Task<NodeLabelsObject> ComputeAsync(DbConn conn, NodeFilters filters)
    {
        var scope = (await DeviceLabelsAsync(conn)).Channels
            .Where(c => filters.Channels?.Contains(c.Id) ?? true)
            .Select(c => (Channel: c, Possible: c.Possible(filters)))
            .Where(c => c.Possible.Channels.Count > 0)
            .ToList();
        // A channel the filter names is read through its own rows too: the filter compares it so as not to draw SQLite
        // to the channel index (NodeFilters.ParseAsync, walk).
        var restrict = scope.Count > 1 || filters.NamesChannels;
        var seen = new Seen();
        if (filters.DeferredWordMatch is { } words) await AddWordLabelsAsync(conn, filters, words, scope, restrict, seen);
        else if (restrict && !filters.NarrowedToWords)
            foreach (var (channel, possible) in scope) seen.Add(await ReadAsync(conn, filters, possible, OfChannel(conn, channel, firstRows: false, restrict)));
        else seen.Add(await ReadAsync(conn, filters, Union(scope.Select(c => c.Possible)), ("", new DynamicParameters())));
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

    /// <summary>
    /// The labels of a keyword filter the page read without the trigram index (SQLite, a word on many nodes:
    /// <see cref="NodeFilters.DeferredWordMatch"/>). Each channel's first <see cref="FirstRows"/> rows are read first: a
    /// word spread over the content shows every label there. For the channels where it does not (a word of one channel,
    /// or of one kind of resource), the rest is read through the trigram index when it finds at most an eighth of their
    /// nodes (a match read through the index costs about four rows of a plain scan), and by the LIKE conditions otherwise.
    /// </summary>
    private static async Task AddWordLabelsAsync(DbConn conn, NodeFilters filters, string words, List<(ChannelLabels Channel, Seen Possible)> scope, bool restrict, Seen seen)
    {
        var unfinished = new List<(ChannelLabels Channel, Seen Possible)>();
        foreach (var (channel, possible) in scope)
        {
            var firstRows = channel.Nodes > FirstRows;
            var labels = await ReadAsync(conn, filters, possible, OfChannel(conn, channel, firstRows, restrict));
            seen.Add(labels);
            if (firstRows && !labels.Covers(possible)) unfinished.Add((channel, possible));
        }
        if (unfinished.Count == 0) return;
        var atMost = (int)(unfinished.Sum(u => u.Channel.Nodes) / 8);
        if (await NodeFilters.CountWordMatchesAsync(conn, words, atMost) <= atMost)
        {
            filters.NarrowToWords(words);
            var args = new DynamicParameters();
            args.Add("labelsChannels", unfinished.Select(u => u.Channel.Id).ToArray());
            seen.Add(await ReadAsync(conn, filters, Union(unfinished.Select(u => u.Possible)), (" AND n.channel_id IN @labelsChannels", args)));
        }
        else
            foreach (var (channel, possible) in unfinished)
                seen.Add(await ReadAsync(conn, filters, possible, OfChannel(conn, channel, firstRows: false, restrict)));
    }

    private static Seen Union(IEnumerable<Seen> labels)
    {
        var union = new Seen();
        foreach (var l in labels) union.Add(l);
        return union;
    }

    private static Seen Union(IEnumerable<LabelRow> rows)
    {
        var union = new Seen();
        foreach (var row in rows) union.Add(row);
        return union;
    }

    /// <summary>
    /// A condition on the rows of <paramref name="channel"/>. With <paramref name="restrict"/>: its id, and on SQLite the
    /// range of its rowids (an import writes a channel's rows together), so that the pass reads them alone whatever the
    /// statistics say of the channel index. With <paramref name="firstRows"/>: only its first <see cref="FirstRows"/> rows.
    /// </summary>
    private static (string Sql, DynamicParameters Args) OfChannel(DbConn conn, ChannelLabels channel, bool firstRows, bool restrict)
    {
        var sql = "";
        var args = new DynamicParameters();
        if (restrict)
        {
            // On SQLite, the unary + keeps the channel index out: its rowids are a range of the table, read in order.
            sql += conn.Db.IsSqlite ? " AND +n.channel_id = @labelsChannel" : " AND n.channel_id = @labelsChannel";
            args.Add("labelsChannel", channel.Id);
        }
        if (!conn.Db.IsSqlite || !(restrict || firstRows)) return (sql, args);
        // One range of rowids, so that SQLite reads only those rows: its first rows, or all of them.
        sql += " AND n.rowid BETWEEN @labelsFirst AND @labelsLast";
        args.Add("labelsFirst", channel.FirstRowid);
        args.Add("labelsLast", firstRows ? channel.FirstRowsEnd : channel.LastRowid);
        return (sql, args);
    }

    /// <summary>The labels of the filtered nodes that also meet <paramref name="rows"/>, read until they hold every <paramref name="possible"/> one.</summary>
    private static async Task<Seen> ReadAsync(DbConn conn, NodeFilters filters, Seen possible, (string Sql, DynamicParameters Args) rows)
    {
        var args = new DynamicParameters(filters.Args);
        args.AddDynamicParams(rows.Args);
        var seen = new Seen();
        await foreach (var row in conn.QueryUnbufferedAsync<LabelRow>($"SELECT {LabelColumns} FROM content_contentnode n WHERE {filters.Where}{rows.Sql}", args))
        {
            seen.Add(row);
            if (seen.Covers(possible)) break;
        }
        return seen;
    }
}
