using Dapper;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>
/// The ContentNode filter set of content.md §3 as one SQL condition on <c>content_contentnode n</c>. Shared by every
/// endpoint that serves nodes (contentnode, its actions, tree, search); public so other node-serving slices reuse it.
/// </summary>
public sealed class NodeFilters
{
    public static readonly string[] Kinds = ["topic", "video", "audio", "exercise", "document", "html5", "slideshow", "h5p", "zim", "quiz"];
    private static readonly char[] KeywordSeparators = ['?', '.', ',', '!', '"', ';', ':', ' '];

    private readonly List<string> _where = [];

    public DynamicParameters Args { get; } = new();
    /// <summary>kind, kind_in, authors and tags switch the unpaginated order from (tree_id, lft) to lft.</summary>
    public bool OrderByLftOnly { get; private set; }
    /// <summary>True when the base set is every node (no_available_filtering), not only available ones.</summary>
    public bool AllNodes { get; private set; }
    public IResult? Error { get; private set; }
    /// <summary>The channels whose nodes the filter keeps (<c>channel_id</c>, <c>channels</c>, <c>descendant_of</c>), or null for every channel.</summary>
    public IReadOnlySet<string>? Channels { get; private set; }
    /// <summary>True when <c>channel_id</c> or <c>channels</c> names the channels (not only <c>descendant_of</c>'s subtree).</summary>
    public bool NamesChannels { get; private set; }

    private void KeepChannels(IEnumerable<string> ids) =>
        Channels = Channels is null ? ids.ToHashSet() : Channels.Intersect(ids).ToHashSet();

    private readonly List<Func<NodeTraits, bool>> _traitTests = [];

    /// <summary>
    /// Whether a node with these traits may pass the filter: the conditions on kind, labels, language and coach content
    /// (all the others are taken to pass). Never false for a node the SQL keeps; the labels use it to know which labels
    /// the filtered set can hold.
    /// </summary>
    public bool MayKeep(NodeTraits traits) => _traitTests.TrueForAll(test => test(traits));

    /// <summary>True when some condition of the filter is on a node's traits (<see cref="MayKeep"/>).</summary>
    public bool TestsTraits => _traitTests.Count > 0;

    private void Add(string condition, Func<NodeTraits, bool> traitTest)
    {
        Add(condition);
        _traitTests.Add(traitTest);
    }

    public string Where => _where.Count == 0 ? "1 = 1" : string.Join(" AND ", _where);

    /// <summary>Unpaginated node lists: <c>(tree_id, lft)</c>, or <c>lft</c> after kind/kind_in/authors/tags.</summary>
    public string OrderBy => OrderByLftOnly ? "n.lft, n.id" : "n.tree_id, n.lft, n.id";

    public void Add(string condition) => _where.Add(condition);

    private int _counter;
    public string Param(object? value)
    {
        var name = "f" + _counter++;
        Args.Add(name, value);
        return "@" + name;
    }

    /// <summary>DRF's lenient boolean: true/1 and false/0 in any case; anything else leaves the filter off.</summary>
    public static bool? Bool(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    public static string[] Csv(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string[] Keywords(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(KeywordSeparators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether the filter is for SQLite (set by <see cref="ParseAsync"/>).</summary>
    private bool _sqlite;

    /// <summary>
    /// Title contains every word, or description contains every word (case-insensitive). SQLite's LIKE already ignores
    /// the case of ASCII letters, the only ones its LOWER() folds, so the column is compared as it is: a LOWER() made a copy
    /// of each title and description for every word and row, and a keyword scan of 100,000 nodes took 124 ms instead of
    /// 72. PostgreSQL's LIKE is case-sensitive, and its trigram indexes are on LOWER() of the columns.
    /// </summary>
    public string KeywordCondition(string[] words, string field)
    {
        var column = _sqlite ? $"n.{field}" : $"LOWER(n.{field})";
        var parts = words.Select(w => $"{column} LIKE {Param("%" + Search.EscapeLike(w.ToLowerInvariant()) + "%")} ESCAPE '\\'");
        return "(" + string.Join(" AND ", parts) + ")";
    }

    /// <summary>At most this many indexed matches make a word rare enough to read its rows from the index.</summary>
    private const int RareMatches = 1000;

    /// <summary>
    /// The keywords as a trigram index expression (SQLite, words of three characters or more), when
    /// <see cref="ParseAsync"/> was told to leave the narrowing to its caller; null otherwise.
    /// </summary>
    public string? DeferredWordMatch { get; private set; }

    /// <summary>
    /// SQLite: when few nodes hold the words (see <see cref="TrigramSearch.Match"/>), narrows the filter to those nodes
    /// through the trigram index (migration M0201), so a rare word costs its matches instead of a LIKE over every node. A
    /// common word is left to the ordered walk, which meets a page of matches within a few rows. The LIKE conditions still
    /// decide; this only narrows.
    /// </summary>
    public async Task NarrowToRareWordsAsync(DbConn conn, string match)
    {
        if (await CountWordMatchesAsync(conn, match, RareMatches) <= RareMatches) NarrowToWords(match);
    }

    /// <summary>How many nodes the trigram index finds for <paramref name="match"/>, counted up to one more than <paramref name="atMost"/>.</summary>
    public static Task<long> CountWordMatchesAsync(DbConn conn, string match, int atMost) =>
        conn.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM (SELECT rowid FROM kolibrislices_contentnode_search
                                  WHERE kolibrislices_contentnode_search MATCH @match LIMIT @limit) candidates
            """, new { match, limit = atMost + 1 });

    /// <summary>True once <see cref="NarrowToWords"/> has narrowed the filter: its cost is then that of the indexed matches.</summary>
    public bool NarrowedToWords { get; private set; }

    /// <summary>Narrows the filter to the nodes the trigram index finds for <paramref name="match"/>.</summary>
    public void NarrowToWords(string match)
    {
        NarrowedToWords = true;
        Add($"n.rowid IN (SELECT rowid FROM kolibrislices_contentnode_search WHERE kolibrislices_contentnode_search MATCH {Param(match)})");
        if (match == DeferredWordMatch) DeferredWordMatch = null;
    }

    /// <param name="walk">
    /// The caller pages by walking the (lft, id) index (cursor pages in tree order). On SQLite a channel is then compared
    /// as <c>+n.channel_id</c>, which keeps the channel indexes out of the plan: without statistics (sqlite_stat1, which a
    /// device does not have) SQLite took the channel index and sorted the whole channel for every page (272 ms for a page
    /// of a 100,000-node channel, against 0.1 ms walking).
    /// </param>
    /// <param name="deferWords">
    /// Keywords are not narrowed through the trigram index here, and <see cref="DeferredWordMatch"/> says how the caller
    /// may (the paged contentnode list, where a common word meets its page within the first rows of the walk).
    /// </param>
    public static async Task<NodeFilters> ParseAsync(HttpRequest request, DbConn conn, bool applyAvailability = true, bool walk = false, bool deferWords = false)
    {
        var filters = new NodeFilters { _sqlite = conn.Db.IsSqlite };
        var query = new QueryParams(request);
        string? Last(string name) => query.Get(name);

        filters.AllNodes = !applyAvailability || !string.IsNullOrEmpty(Last("no_available_filtering"));
        if (!filters.AllNodes) filters.Add("n.available = TRUE");

        if (query.IdList("ids") is { Length: > 0 } ids) filters.Add($"n.id IN {filters.Param(ids)}");
        if (query.Uuid("parent") is { } parent) filters.Add($"n.parent_id = {filters.Param(parent)}");
        if (Bool(Last("parent__isnull")) is { } rootsOnly) filters.Add(rootsOnly ? "n.parent_id IS NULL" : "n.parent_id IS NOT NULL");
        if (query.Uuid("content_id") is { } contentId) filters.Add($"n.content_id = {filters.Param(contentId)}");
        var channelColumn = walk && conn.Db.IsSqlite ? "+n.channel_id" : "n.channel_id";
        if (query.Uuid("channel_id") is { } channelId)
        {
            filters.Add($"{channelColumn} = {filters.Param(channelId)}");
            filters.KeepChannels([channelId]);
            filters.NamesChannels = true;
        }
        if (Csv(Last("channels")) is { Length: > 0 } channels)
        {
            var channelIds = channels.Select(c => Ids.Normalize(c) ?? c).ToArray();
            filters.Add($"{channelColumn} IN {filters.Param(channelIds)}");
            filters.KeepChannels(channelIds);
            filters.NamesChannels = true;
        }
        if (Csv(Last("languages")) is { Length: > 0 } languages)
            filters.Add($"n.lang_id IN {filters.Param(languages)}", t => t.LangId is not null && languages.Contains(t.LangId));
        if (Last("kind") is { } kind)
        {
            if (kind == "content") filters.Add("n.kind <> 'topic'", t => t.Kind != "topic");
            else if (query.Choice("kind", Kinds) is { } k) filters.Add($"n.kind = {filters.Param(k)}", t => t.Kind == k);
            filters.OrderByLftOnly = true;
        }
        if (Csv(Last("kind_in")) is { Length: > 0 } kinds)
        {
            filters.Add($"n.kind IN {filters.Param(kinds)}", t => kinds.Contains(t.Kind));
            filters.OrderByLftOnly = true;
        }
        if (Bool(Last("include_coach_content")) == false) filters.Add("n.coach_content = FALSE", t => !t.CoachContent);
        if (Csv(Last("exclude_content_ids")) is { Length: > 0 } excluded)
        {
            var normalized = excluded.Select(Ids.Normalize).ToArray();
            filters.Add(normalized.Any(e => e is null) ? "1 = 0" : $"n.content_id NOT IN {filters.Param(normalized.Select(e => e!).ToArray())}");
        }

        var related = new Dictionary<string, string[]>();
        foreach (var name in new[] { "prerequisite_for", "has_prerequisite", "related" })
        {
            var values = request.Query[name].Where(v => !string.IsNullOrEmpty(v)).ToArray();
            if (values.Length == 0) continue;
            var normalized = values.Select(Ids.Normalize).ToArray();
            var known = normalized.All(v => v is not null)
                ? (await conn.QueryAsync<string>("SELECT id FROM content_contentnode WHERE id IN @ids", new { ids = normalized.Distinct().ToArray() })).ToHashSet()
                : [];
            if (normalized.Any(v => v is null || !known.Contains(v))) query.ChoiceNotFound(name);
            else related[name] = normalized.Select(v => v!).Distinct().ToArray();
        }
        if (related.TryGetValue("prerequisite_for", out var prerequisiteFor))
            filters.Add($"n.id IN (SELECT p.to_contentnode_id FROM content_contentnode_has_prerequisite p WHERE p.from_contentnode_id IN {filters.Param(prerequisiteFor)})");
        if (related.TryGetValue("has_prerequisite", out var hasPrerequisite))
            filters.Add($"n.id IN (SELECT p.from_contentnode_id FROM content_contentnode_has_prerequisite p WHERE p.to_contentnode_id IN {filters.Param(hasPrerequisite)})");
        if (related.TryGetValue("related", out var relatedTo))
            filters.Add($"n.id IN (SELECT r.to_contentnode_id FROM content_contentnode_related r WHERE r.from_contentnode_id IN {filters.Param(relatedTo)})");

        if (!string.IsNullOrEmpty(Last("contains_quiz")))
            filters.Add("""
                EXISTS (SELECT 1 FROM content_contentnode q WHERE q.tree_id = n.tree_id AND q.lft >= n.lft AND q.rght <= n.rght
                    AND q.options LIKE '%"modality": "QUIZ"%')
                """);

        foreach (var (field, vocabulary) in ContentLabels.Faceted.Append(("resource_types", ContentLabels.ResourceTypes)))
            foreach (var label in Csv(Last(field)).Where(vocabulary.Contains).Distinct())
                filters.Add($"n.{field} LIKE {filters.Param("%" + Search.EscapeLike(label) + "%")} ESCAPE '\\'",
                    t => t.Labels(field)?.Contains(label, StringComparison.OrdinalIgnoreCase) ?? false);
        if (Bool(Last("categories__isnull")) is { } noCategories)
            filters.Add(noCategories ? "n.categories IS NULL" : "n.categories IS NOT NULL", t => (t.Categories is null) == noCategories);

        if (StopWords.Critical(Keywords(Last("keywords"))) is { Length: > 0 } words)
        {
            filters.Add($"({filters.KeywordCondition(words, "title")} OR {filters.KeywordCondition(words, "description")})");
            if (conn.Db.IsSqlite && words.Where(TrigramSearch.Indexable).ToArray() is { Length: > 0 } indexed)
            {
                if (!deferWords) await filters.NarrowToRareWordsAsync(conn, TrigramSearch.Match(indexed));
                else filters.DeferredWordMatch = TrigramSearch.Match(indexed);
            }
        }

        if (query.Int("tree_id") is { } treeId) filters.Add($"n.tree_id = {filters.Param(treeId)}");
        if (query.Int("lft__gt") is { } lftGt) filters.Add($"n.lft > {filters.Param(lftGt)}");
        if (query.Int("rght__lt") is { } rghtLt) filters.Add($"n.rght < {filters.Param(rghtLt)}");
        if (Csv(Last("authors")) is { Length: > 0 } authors)
        {
            filters.Add($"n.author IN {filters.Param(authors)}");
            filters.OrderByLftOnly = true;
        }
        if (Csv(Last("tags")) is { Length: > 0 } tags)
        {
            filters.Add($"""
                n.id IN (SELECT nt.contentnode_id FROM content_contentnode_tags nt JOIN content_contenttag t ON t.id = nt.contenttag_id
                    WHERE t.tag_name IN {filters.Param(tags)})
                """);
            filters.OrderByLftOnly = true;
        }
        if (Last("descendant_of") is { } descendantOf)
        {
            var ancestor = Ids.Normalize(descendantOf) is { } id
                ? await conn.QuerySingleOrDefaultAsync<Bounds>("SELECT tree_id, lft, rght, channel_id FROM content_contentnode WHERE id = @id", new { id })
                : null;
            filters.Add(ancestor is null ? "1 = 0"
                : $"n.tree_id = {filters.Param(ancestor.TreeId)} AND n.lft > {filters.Param(ancestor.Lft)} AND n.rght < {filters.Param(ancestor.Rght)}");
            filters.KeepChannels(ancestor is null ? [] : [ancestor.ChannelId]);
        }

        filters.Error = query.Errors;
        return filters;
    }

    public sealed record Bounds
    {
        public int TreeId { get; init; }
        public int Lft { get; init; }
        public int Rght { get; init; }
        public string ChannelId { get; init; } = "";
    }
}
