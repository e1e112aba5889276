using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.Channels;

/// <summary>The Channel object of content.md §2.4, and the one query behind list and detail.</summary>
public sealed record ChannelObject
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Author { get; init; }
    public string? Tagline { get; init; }
    public int Version { get; init; }
    public required string Root { get; init; }
    public string? LastUpdated { get; init; }
    public string? LastPublished { get; init; }
    public required string Thumbnail { get; init; }
    public bool? Public { get; init; }
    public int? TotalResourceCount { get; init; }
    public long? PublishedSize { get; init; }
    public int? NumCoachContents { get; init; }
    public bool Available { get; init; }
    public string? LangCode { get; init; }
    public string? LangName { get; init; }
    public required IReadOnlyList<string> IncludedLanguages { get; init; }

    private sealed record Row
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Description { get; init; }
        public required string Author { get; init; }
        public string? Tagline { get; init; }
        public int Version { get; init; }
        public required string RootId { get; init; }
        public string? LastUpdated { get; init; }
        public required string Thumbnail { get; init; }
        public bool? Public { get; init; }
        public int? TotalResourceCount { get; init; }
        public long? PublishedSize { get; init; }
        public int? RootCoachContents { get; init; }
        public bool? RootAvailable { get; init; }
        public string? LangCode { get; init; }
        public string? LangName { get; init; }
    }

    private sealed record IncludedLanguage
    {
        public required string ChannelmetadataId { get; init; }
        public required string LanguageId { get; init; }
    }

    private const string Sql = """
        SELECT c.id, c.name, c.description, c.author, c.tagline, c.version, c.root_id, c.last_updated, c.thumbnail, c.public,
            c.total_resource_count, c.published_size, r.num_coach_contents AS root_coach_contents, r.available AS root_available,
            l.lang_code, l.lang_name
        FROM content_channelmetadata c
        LEFT JOIN content_contentnode r ON r.id = c.root_id
        LEFT JOIN content_language l ON l.id = r.lang_id
        WHERE {0}
        ORDER BY c."order", c.id
        """;

    private const string LanguagesSql = """
        SELECT channelmetadata_id, language_id FROM content_channelmetadata_included_languages
        WHERE channelmetadata_id IN @ids
        ORDER BY sort_value, id
        """;

    /// <summary>Channels passing the request's filters (available, contains_exercise, contains_quiz), optionally one id.</summary>
    public static async Task<List<ChannelObject>> QueryAsync(DbConn conn, HttpRequest request, string? id = null)
    {
        var where = new List<string> { "1 = 1" };
        if (id is not null) where.Add("c.id = @id");
        if (NodeFilters.Bool(ListContentNodes.Last(request, "available")) is { } available)
            where.Add(available ? "r.available = TRUE" : "(r.available = FALSE OR r.available IS NULL)");
        if (NodeFilters.Bool(ListContentNodes.Last(request, "contains_exercise")) is not null)
            where.Add("EXISTS (SELECT 1 FROM content_contentnode e WHERE e.channel_id = c.id AND e.kind = 'exercise' AND e.available = TRUE)");
        if (NodeFilters.Bool(ListContentNodes.Last(request, "contains_quiz")) is not null)
            where.Add("""EXISTS (SELECT 1 FROM content_contentnode q WHERE q.channel_id = c.id AND q.available = TRUE AND q.options LIKE '%"modality": "QUIZ"%')""");
        var rows = (await conn.QueryAsync<Row>(string.Format(Sql, string.Join(" AND ", where)), new { id })).ToList();
        if (rows.Count == 0) return [];
        var languages = (await conn.QueryAsync<IncludedLanguage>(LanguagesSql, new { ids = rows.Select(r => r.Id).ToArray() }))
            .ToLookup(l => l.ChannelmetadataId, l => l.LanguageId);
        return rows.Select(r => new ChannelObject
        {
            Id = r.Id,
            Name = r.Name,
            Description = r.Description,
            Author = r.Author,
            Tagline = r.Tagline,
            Version = r.Version,
            Root = r.RootId,
            LastUpdated = r.LastUpdated,
            LastPublished = r.LastUpdated,
            Thumbnail = string.IsNullOrEmpty(r.Thumbnail) ? "" : $"/api/content/channel-thumbnail/{r.Id}/",
            Public = r.Public,
            TotalResourceCount = r.TotalResourceCount,
            PublishedSize = r.PublishedSize,
            NumCoachContents = r.TotalResourceCount is null ? null : r.RootCoachContents,
            Available = r.RootAvailable ?? false,
            LangCode = r.LangCode,
            LangName = r.LangName,
            IncludedLanguages = languages[r.Id].ToList(),
        }).ToList();
    }
}
