using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.Files;

/// <summary>The File object of /api/content/file/ (content.md §7.1): language ids and codes lower-cased.</summary>
public sealed record FileObject
{
    public string? StorageUrl { get; init; }
    public required string Id { get; init; }
    public int? Priority { get; init; }
    public bool Available { get; init; }
    public long? FileSize { get; init; }
    public required string Extension { get; init; }
    public required string Checksum { get; init; }
    public required string Preset { get; init; }
    public LanguageObject? Lang { get; init; }
    public bool Supplementary { get; init; }
    public bool Thumbnail { get; init; }

    private sealed record Row
    {
        public required string Id { get; init; }
        public int? Priority { get; init; }
        public bool Available { get; init; }
        public long? FileSize { get; init; }
        public required string Extension { get; init; }
        public required string Checksum { get; init; }
        public required string Preset { get; init; }
        public string? LangId { get; init; }
        public string? LangCode { get; init; }
        public string? LangSubcode { get; init; }
        public string? LangName { get; init; }
        public string? LangDirection { get; init; }
        public bool Supplementary { get; init; }
        public bool Thumbnail { get; init; }
    }

    private const string Sql = """
        SELECT f.id, f.priority, lf.available, lf.file_size, lf.extension, f.local_file_id AS checksum, f.preset, f.lang_id,
            l.lang_code, l.lang_subcode, l.lang_name, l.lang_direction, f.supplementary, f.thumbnail
        FROM content_file f
        JOIN content_localfile lf ON lf.id = f.local_file_id
        LEFT JOIN content_language l ON l.id = f.lang_id
        WHERE {0}
        ORDER BY CASE WHEN f.priority IS NULL THEN 0 ELSE 1 END, f.priority, f.id COLLATE "BINARY"
        LIMIT @limit OFFSET @offset
        """;

    public static async Task<List<FileObject>> QueryAsync(DbConn conn, string? id, int limit, int offset)
    {
        var rows = await conn.QueryAsync<Row>(string.Format(Sql, id is null ? "1 = 1" : "f.id = @id"), new { id, limit, offset });
        return rows.Select(r => new FileObject
        {
            StorageUrl = ContentNodeProjection.StorageUrl(r.Checksum, r.Extension, r.Available),
            Id = r.Id,
            Priority = r.Priority,
            Available = r.Available,
            FileSize = r.FileSize,
            Extension = r.Extension,
            Checksum = r.Checksum,
            Preset = r.Preset,
            Lang = r.LangId is null || r.LangCode is null ? null : new LanguageObject
            {
                Id = r.LangId.ToLowerInvariant(),
                LangCode = r.LangCode.ToLowerInvariant(),
                LangSubcode = r.LangSubcode?.ToLowerInvariant(),
                LangName = r.LangName,
                LangDirection = r.LangDirection ?? "ltr",
            },
            Supplementary = r.Supplementary,
            Thumbnail = r.Thumbnail,
        }).ToList();
    }
}
