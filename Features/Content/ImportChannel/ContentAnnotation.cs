using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ImportChannel;

/// <summary>
/// Availability annotation of one channel (content.md §9.4): leaves from their local files, topics bottom-up one level
/// per statement, then the channel's totals and languages. Runs inside the caller's transaction.
/// </summary>
public static class ContentAnnotation
{
    private const string Leaves = """
        UPDATE content_contentnode SET available = EXISTS (
            SELECT 1 FROM content_file f JOIN content_localfile lf ON lf.id = f.local_file_id
            WHERE f.contentnode_id = content_contentnode.id AND f.supplementary = FALSE AND lf.available = TRUE)
        WHERE tree_id = @treeId AND kind <> 'topic'
        """;

    private const string LeafCounts = """
        UPDATE content_contentnode SET
            on_device_resources = CASE WHEN available = TRUE THEN 1 ELSE 0 END,
            num_coach_contents = CASE WHEN coach_content = TRUE THEN 1 ELSE 0 END
        WHERE tree_id = @treeId AND kind <> 'topic'
        """;

    private const string AdminImported = """
        UPDATE content_contentnode SET admin_imported = TRUE
        WHERE tree_id = @treeId AND kind <> 'topic' AND available = TRUE
        """;

    private const string Topics = """
        UPDATE content_contentnode SET
            available = EXISTS (SELECT 1 FROM content_contentnode c WHERE c.parent_id = content_contentnode.id AND c.available = TRUE),
            on_device_resources = COALESCE((SELECT SUM(c.on_device_resources) FROM content_contentnode c
                WHERE c.parent_id = content_contentnode.id AND c.available = TRUE), 0),
            num_coach_contents = COALESCE((SELECT SUM(c.num_coach_contents) FROM content_contentnode c
                WHERE c.parent_id = content_contentnode.id AND c.available = TRUE), 0),
            coach_content = CASE
                WHEN EXISTS (SELECT 1 FROM content_contentnode c WHERE c.parent_id = content_contentnode.id AND c.available = TRUE)
                THEN NOT EXISTS (SELECT 1 FROM content_contentnode c
                    WHERE c.parent_id = content_contentnode.id AND c.available = TRUE AND c.coach_content = FALSE)
                ELSE coach_content END
        WHERE tree_id = @treeId AND level = @level AND kind = 'topic'
        """;

    private const string ChannelTotals = """
        UPDATE content_channelmetadata SET
            published_size = (SELECT COALESCE(SUM(lf.file_size), 0) FROM content_localfile lf
                WHERE lf.available = TRUE AND lf.id IN (
                    SELECT f.local_file_id FROM content_file f JOIN content_contentnode n ON n.id = f.contentnode_id
                    WHERE n.tree_id = @treeId AND n.available = TRUE)),
            total_resource_count = (SELECT COUNT(*) FROM content_contentnode n
                WHERE n.tree_id = @treeId AND n.available = TRUE AND n.kind <> 'topic'),
            "order" = COALESCE("order", (SELECT COALESCE(MAX(m."order"), 0) + 1 FROM content_channelmetadata m)),
            included_categories = @categories,
            included_grade_levels = @gradeLevels
        WHERE id = @channelId
        """;

    private const string NodeLanguages = """
        SELECT n.lang_id AS id, COUNT(*) AS uses FROM content_contentnode n JOIN content_language l ON l.id = n.lang_id
        WHERE n.tree_id = @treeId AND n.available = TRUE
        GROUP BY n.lang_id
        ORDER BY COUNT(*) DESC, n.lang_id
        """;

    private const string NodeLabels = """
        SELECT categories, grade_levels FROM content_contentnode
        WHERE tree_id = @treeId AND available = TRUE AND (categories IS NOT NULL OR grade_levels IS NOT NULL)
        """;

    private sealed record LanguageUse
    {
        public required string Id { get; init; }
        public long Uses { get; init; }
    }

    private sealed record LabelRow
    {
        public string? Categories { get; init; }
        public string? GradeLevels { get; init; }
    }

    public static async Task AnnotateAsync(DbConn conn, string channelId, int treeId, bool markAdminImported = false)
    {
        await conn.ExecuteAsync(Leaves, new { treeId });
        await conn.ExecuteAsync(LeafCounts, new { treeId });
        if (markAdminImported) await conn.ExecuteAsync(AdminImported, new { treeId });
        var maxLevel = await conn.ExecuteScalarAsync<int?>("SELECT MAX(level) FROM content_contentnode WHERE tree_id = @treeId", new { treeId }) ?? 0;
        for (var level = maxLevel; level >= 0; level--)
            await conn.ExecuteAsync(Topics, new { treeId, level });

        var labels = (await conn.QueryAsync<LabelRow>(NodeLabels, new { treeId })).ToList();
        await conn.ExecuteAsync(ChannelTotals, new
        {
            treeId,
            channelId,
            categories = ByFrequency(labels.Select(l => l.Categories)),
            gradeLevels = ByFrequency(labels.Select(l => l.GradeLevels)),
        });

        await conn.ExecuteAsync("DELETE FROM content_channelmetadata_included_languages WHERE channelmetadata_id = @channelId", new { channelId });
        var languages = (await conn.QueryAsync<LanguageUse>(NodeLanguages, new { treeId })).ToList();
        for (var i = 0; i < languages.Count; i++)
            await conn.ExecuteAsync("""
                INSERT INTO content_channelmetadata_included_languages (sort_value, channelmetadata_id, language_id)
                VALUES (@sortValue, @channelId, @languageId)
                """, new { sortValue = i, channelId, languageId = languages[i].Id });
    }

    private static string? ByFrequency(IEnumerable<string?> texts)
    {
        var counts = texts.Where(t => !string.IsNullOrEmpty(t))
            .SelectMany(t => t!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .GroupBy(l => l, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        return counts.Count == 0 ? null : string.Join(",", counts);
    }
}
