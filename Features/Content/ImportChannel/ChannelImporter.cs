using System.Globalization;
using System.Text.Json;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ImportChannel;

public sealed record ImportRequest
{
    public required string ChannelId { get; init; }
    /// <summary>The source: reads &lt;Directory&gt;/content/databases/&lt;channel_id&gt;.sqlite3 (and storage/ with WithFiles).</summary>
    public required string Directory { get; init; }
    /// <summary>KolibriSlices' home: the database file is copied to &lt;Home&gt;/content/databases/.</summary>
    public required string Home { get; init; }
    public bool WithFiles { get; init; }
    /// <summary>Replace the channel even when the same or a newer version is already imported.</summary>
    public bool Force { get; init; }
    public TextWriter Log { get; init; } = TextWriter.Null;
}

public sealed record ImportResult
{
    public required bool Imported { get; init; }
    public required string Message { get; init; }
    public int Nodes { get; init; }
    public int TreeId { get; init; }
    public int FilesFound { get; init; }
}

/// <summary>
/// Imports a channel database into the main database (content.md §9.3): every table in one transaction with batched
/// inserts, a fresh tree_id, replacement of an older version, kind-derived learning activities for schema 1-4, legacy
/// layouts mapped, ancestors and label bitmasks computed, availability annotated (§9.4) when content is on disk.
/// </summary>
public static class ChannelImporter
{
    private static readonly Column[] LanguageColumns =
    [
        Column.Text("id"), Column.Text("lang_code", ""), Column.Text("lang_subcode"), Column.Text("lang_name"), Column.Text("lang_direction", "ltr"),
    ];

    private static readonly Column[] TagColumns = [Column.Text("id"), Column.Text("tag_name", "")];

    private static readonly Column[] LocalFileColumns =
        [Column.Text("id"), Column.Text("extension", ""), Column.Bool("available", false), Column.Long("file_size")];

    private static readonly Column[] NodeColumns =
    [
        Column.Text("id"), Column.Text("parent_id"), Column.Text("license_name"), Column.Text("license_description"), Column.Text("title", ""),
        Column.Bool("coach_content", false), Column.Text("content_id", ""), Column.Text("channel_id", ""), Column.Text("description"),
        Column.Real("sort_order"), Column.Text("license_owner", ""), Column.Text("author", ""), Column.Text("kind", "topic"),
        Column.Bool("available", false), Column.Text("options", "{}"), Column.Text("grade_levels"), Column.Text("resource_types"),
        Column.Text("learning_activities"), Column.Text("accessibility_labels"), Column.Text("categories"), Column.Text("learner_needs"),
        Column.Int("duration"), Column.Int("lft", 0), Column.Int("rght", 0), Column.Int("tree_id", 0), Column.Int("level", 0), Column.Text("lang_id"),
        Column.Int("num_coach_contents", 0), Column.Int("on_device_resources", 0), Column.Text("ancestors", "[]"), Column.Bool("admin_imported"),
        Column.Long("learning_activities_bitmask_0", 0L), Column.Long("categories_bitmask_0", 0L), Column.Long("grade_levels_bitmask_0", 0L),
        Column.Long("accessibility_labels_bitmask_0", 0L), Column.Long("learner_needs_bitmask_0", 0L),
    ];

    private static readonly Column[] FileColumns =
    [
        Column.Text("id"), Column.Text("local_file_id", ""), Column.Text("contentnode_id", ""), Column.Text("preset", ""), Column.Text("lang_id"),
        Column.Bool("supplementary", false), Column.Bool("thumbnail", false), Column.Int("priority"),
    ];

    private static readonly Column[] AssessmentColumns =
    [
        Column.Text("id"), Column.Text("contentnode_id", ""), Column.Text("assessment_item_ids", "[]"), Column.Int("number_of_assessments", 0),
        Column.Text("mastery_model", "{}"), Column.Bool("randomize", false), Column.Bool("is_manipulable", false),
    ];

    private static readonly Column[] LinkColumns = [Column.Text("from_contentnode_id"), Column.Text("to_contentnode_id")];
    private static readonly Column[] NodeTagColumns = [Column.Text("contentnode_id"), Column.Text("contenttag_id")];

    private static readonly Column[] ChannelColumns =
    [
        Column.Text("id"), Column.Text("name", ""), Column.Text("description", ""), Column.Text("tagline"), Column.Text("author", ""),
        Column.Int("version", 0), Column.Text("thumbnail", ""), Column.Text("last_updated"), Column.Text("min_schema_version", ""),
        Column.Text("root_id", ""), Column.Long("published_size"), Column.Int("total_resource_count"), Column.Int("order"),
        Column.Bool("public"), Column.Bool("partial", false), Column.Text("included_categories"), Column.Text("included_grade_levels"),
    ];

    /// <summary>Schema 1-4 channels predate labels: their learning activity follows from the kind.</summary>
    private static readonly Dictionary<string, string> ActivityByKind = new()
    {
        ["exercise"] = "VwRCom7G",
        ["video"] = "UD5UGM0z",
        ["audio"] = "mkA1R3NU",
        ["document"] = "wA01urpi",
        ["html5"] = "#j8L0eq3",
        ["h5p"] = "#j8L0eq3",
    };

    private sealed class AsyncCleanup(Func<Task<int>>? cleanup) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (cleanup is not null) await cleanup();
        }
    }

    private sealed record Existing
    {
        public required int Version { get; init; }
        public bool? Partial { get; init; }
        public int? Order { get; init; }
    }

    public static string DatabasePath(string directory, string channelId) =>
        Path.Combine(directory, "content", "databases", channelId + ".sqlite3");

    public static async Task<ImportResult> ImportAsync(Db db, TimeProvider clock, ImportRequest request, CancellationToken ct = default)
    {
        var channelId = Ids.Normalize(request.ChannelId)
            ?? throw new ChannelImportException($"'{request.ChannelId}' is not a channel id (32 hex characters).");
        var log = request.Log;
        var source = DatabasePath(request.Directory, channelId);
        log.WriteLine($"Reading {source}");
        var data = ChannelDatabase.Read(source);
        var rows = Prepare(data, channelId);
        log.WriteLine($"Channel '{rows.ChannelName}' version {rows.Version}, content schema {data.DetectedVersion}"
            + $" (min_schema_version {rows.SchemaVersion}): {rows.Nodes.Count} nodes, {rows.Files.Count} files, {rows.LocalFiles.Count} local files");

        var available = request.WithFiles ? FindFiles(request, rows.LocalFiles, log) : [];

        var staged = Path.Combine(request.Home, "content", "databases", $".{channelId}.{Guid.NewGuid():N}.tmp");
        var target = Path.Combine(request.Home, "content", "databases", channelId + ".sqlite3");
        var copy = !string.Equals(Path.GetFullPath(source), Path.GetFullPath(target), StringComparison.Ordinal);
        if (copy)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, staged, overwrite: true);
        }
        try
        {
            await using var conn = await db.OpenAsync(ct);
            // A big cache keeps SQLite from spilling the transaction's pages to the WAL over and over; reset on the way out
            // because the connection goes back to the pool.
            if (db.IsSqlite) await conn.ExecuteAsync("PRAGMA cache_size = -262144");
            await using var resetCache = new AsyncCleanup(db.IsSqlite ? () => conn.ExecuteAsync("PRAGMA cache_size = -2000") : null);
            await conn.BeginWriteAsync(ct);
            var existing = await conn.QuerySingleOrDefaultAsync<Existing>(
                """SELECT version, partial, "order" FROM content_channelmetadata WHERE id = @channelId""", new { channelId });
            if (existing is not null && existing.Version >= rows.Version && existing.Partial != true && !request.Force)
            {
                var skipped = $"Channel {channelId} is already imported at version {existing.Version}; version {rows.Version} is not newer, nothing changed.";
                if (available.Count > 0)
                {
                    var treeId = await conn.ExecuteScalarAsync<int>("SELECT tree_id FROM content_contentnode WHERE id = @root", new { root = rows.RootId });
                    await MarkAvailableAsync(conn, available, channelId, treeId, clock);
                    await conn.CommitAsync(ct);
                    log.WriteLine($"Marked {available.Count} files available.");
                    return new ImportResult { Imported = false, Message = skipped, FilesFound = available.Count, TreeId = treeId };
                }
                return new ImportResult { Imported = false, Message = skipped };
            }

            var treeIds = (await conn.QueryAsync<int>("SELECT DISTINCT tree_id FROM content_contentnode")).ToList();
            var newTreeId = NextTreeId(treeIds);
            var hadAvailable = existing is not null && await conn.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM content_contentnode WHERE channel_id = @channelId AND available = TRUE", new { channelId }) > 0;
            if (existing is not null)
            {
                log.WriteLine($"Replacing version {existing.Version}");
                await DeleteChannelAsync(conn, channelId);
            }

            foreach (var node in rows.Nodes) node[TreeIdIndex] = newTreeId;
            await InsertAsync(conn, "content_language", LanguageColumns, rows.Languages, BatchInsert.Replace(LanguageColumns), log, ct);
            await InsertAsync(conn, "content_contenttag", TagColumns, rows.Tags, BatchInsert.Replace(TagColumns), log, ct);
            await InsertAsync(conn, "content_localfile", LocalFileColumns, rows.LocalFiles, BatchInsert.Ignore, log, ct);
            await InsertAsync(conn, "content_contentnode", NodeColumns, rows.Nodes, BatchInsert.Replace(NodeColumns), log, ct);
            await InsertAsync(conn, "content_file", FileColumns, rows.Files, BatchInsert.Replace(FileColumns), log, ct);
            await InsertAsync(conn, "content_assessmentmetadata", AssessmentColumns, rows.Assessments, BatchInsert.Replace(AssessmentColumns), log, ct);
            await InsertAsync(conn, "content_contentnode_has_prerequisite", LinkColumns, rows.Prerequisites, BatchInsert.Ignore, log, ct);
            await InsertAsync(conn, "content_contentnode_related", LinkColumns, rows.Related, BatchInsert.Ignore, log, ct);
            await InsertAsync(conn, "content_contentnode_tags", NodeTagColumns, rows.NodeTags, BatchInsert.Ignore, log, ct);

            var channel = rows.Channel;
            channel[Array.FindIndex(ChannelColumns, c => c.Name == "last_updated")] = KolibriTime.Now(clock);
            channel[Array.FindIndex(ChannelColumns, c => c.Name == "order")] = existing?.Order;
            await BatchInsert.RunAsync(conn, "content_channelmetadata", ChannelColumns, [channel], BatchInsert.Replace(ChannelColumns), ct: ct);

            if (!rows.Nodes.Any(n => (string?)n[0] == rows.RootId))
                await conn.ExecuteAsync("""
                    INSERT INTO content_contentnode (id, parent_id, title, coach_content, content_id, channel_id, license_owner, author, kind,
                        available, options, lft, rght, tree_id, level, num_coach_contents, on_device_resources, ancestors)
                    VALUES (@rootId, NULL, @title, FALSE, @rootId, @channelId, '', '', 'topic', FALSE, '{}', 1, 2, @newTreeId, 0, 0, 0, '[]')
                    """, new { rootId = rows.RootId, title = rows.ChannelName, channelId, newTreeId });

            if (available.Count > 0) await MarkAvailableAsync(conn, available, channelId, newTreeId, clock);
            else if (hadAvailable) await ContentAnnotation.AnnotateAsync(conn, channelId, newTreeId);
            await ContentCache.BumpAsync(conn, clock);
            await conn.CommitAsync(ct);

            if (copy) File.Move(staged, target, overwrite: true);
            var message = $"Imported channel '{rows.ChannelName}' ({channelId}) version {rows.Version}: {rows.Nodes.Count} nodes, tree_id {newTreeId}"
                + (request.WithFiles ? $", {available.Count} of {rows.LocalFiles.Count} files found on disk." : ".");
            return new ImportResult { Imported = true, Message = message, Nodes = rows.Nodes.Count, TreeId = newTreeId, FilesFound = available.Count };
        }
        finally
        {
            if (copy && File.Exists(staged)) File.Delete(staged);
        }
    }

    /// <summary>content.md §9.3 step 3: none → 1; one → 2 if it is 1 else 1; else the first gap, else max + 1.</summary>
    public static int NextTreeId(IEnumerable<int> existing)
    {
        var ids = existing.Distinct().Order().ToList();
        if (ids.Count == 0) return 1;
        if (ids.Count == 1) return ids[0] == 1 ? 2 : 1;
        for (var i = 0; i + 1 < ids.Count; i++)
            if (ids[i + 1] - ids[i] > 1) return ids[i] + 1;
        return ids[^1] + 1;
    }

    private static readonly int TreeIdIndex = Array.FindIndex(NodeColumns, c => c.Name == "tree_id");

    private static async Task InsertAsync(DbConn conn, string table, Column[] columns, List<object?[]> rows, string conflict, TextWriter log,
        CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var step = Math.Max(10_000, rows.Count / 10);
        var next = step;
        await BatchInsert.RunAsync(conn, table, columns, rows, conflict, done =>
        {
            if (done < next && done < rows.Count) return;
            log.WriteLine($"  {table}: {done}/{rows.Count}");
            next = done + step;
        }, ct);
    }

    private static async Task DeleteChannelAsync(DbConn conn, string channelId)
    {
        const string OldNodes = "SELECT id FROM content_contentnode WHERE channel_id = @channelId";
        await conn.ExecuteAsync("DELETE FROM content_channelmetadata_included_languages WHERE channelmetadata_id = @channelId", new { channelId });
        await conn.ExecuteAsync($"DELETE FROM content_file WHERE contentnode_id IN ({OldNodes})", new { channelId });
        await conn.ExecuteAsync($"DELETE FROM content_assessmentmetadata WHERE contentnode_id IN ({OldNodes})", new { channelId });
        await conn.ExecuteAsync($"DELETE FROM content_contentnode_tags WHERE contentnode_id IN ({OldNodes})", new { channelId });
        await conn.ExecuteAsync($"DELETE FROM content_contentnode_has_prerequisite WHERE from_contentnode_id IN ({OldNodes}) OR to_contentnode_id IN ({OldNodes})", new { channelId });
        await conn.ExecuteAsync($"DELETE FROM content_contentnode_related WHERE from_contentnode_id IN ({OldNodes}) OR to_contentnode_id IN ({OldNodes})", new { channelId });
        await conn.ExecuteAsync("DELETE FROM content_contentnode WHERE channel_id = @channelId", new { channelId });
    }

    /// <summary>Local files of the channel present under &lt;dir&gt;/content/storage/ (copied into the home) or already in the home.</summary>
    private static List<string> FindFiles(ImportRequest request, List<object?[]> localFiles, TextWriter log)
    {
        var found = new List<string>();
        foreach (var file in localFiles)
        {
            var checksum = (string)file[0]!;
            var extension = (string?)file[1] ?? "";
            if (checksum.Length < 2) continue;
            var relative = Path.Combine(checksum[..1], checksum[1..2], extension.Length > 0 ? $"{checksum}.{extension}" : checksum);
            var from = Path.Combine(request.Directory, "content", "storage", relative);
            var to = Path.Combine(request.Home, "content", "storage", relative);
            if (File.Exists(from))
            {
                if (!string.Equals(Path.GetFullPath(from), Path.GetFullPath(to), StringComparison.Ordinal)
                    && (!File.Exists(to) || new FileInfo(to).Length != new FileInfo(from).Length))
                {
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(from, to, overwrite: true);
                }
                found.Add(checksum);
            }
            else if (File.Exists(to)) found.Add(checksum);
        }
        log.WriteLine($"Found {found.Count} of {localFiles.Count} files under {Path.Combine(request.Directory, "content", "storage")}");
        return found;
    }

    private static async Task MarkAvailableAsync(DbConn conn, List<string> checksums, string channelId, int treeId, TimeProvider clock)
    {
        foreach (var chunk in checksums.Chunk(500))
            await conn.ExecuteAsync("UPDATE content_localfile SET available = TRUE WHERE id IN @ids", new { ids = chunk });
        await ContentAnnotation.AnnotateAsync(conn, channelId, treeId, markAdminImported: true);
        await ContentCache.BumpAsync(conn, clock);
    }

    private sealed class PreparedChannel
    {
        public required object?[] Channel { get; init; }
        public required string ChannelName { get; init; }
        public required int Version { get; init; }
        public required string RootId { get; init; }
        public required string SchemaVersion { get; init; }
        public List<object?[]> Languages { get; init; } = [];
        public List<object?[]> Tags { get; init; } = [];
        public List<object?[]> LocalFiles { get; init; } = [];
        public List<object?[]> Nodes { get; init; } = [];
        public List<object?[]> Files { get; init; } = [];
        public List<object?[]> Assessments { get; init; } = [];
        public List<object?[]> Prerequisites { get; init; } = [];
        public List<object?[]> Related { get; init; } = [];
        public List<object?[]> NodeTags { get; init; } = [];
    }

    /// <summary>Maps the source rows onto the main database's columns (in memory, before any write).</summary>
    private static PreparedChannel Prepare(ChannelDatabase data, string channelId)
    {
        var channelTable = data["content_channelmetadata"];
        if (channelTable.Rows.Count != 1)
            throw new ChannelImportException($"The channel database holds {channelTable.Rows.Count} channel rows; exactly one is expected.");
        var channelRow = channelTable.Rows[0];
        var storedId = Ids.Normalize(Get(channelTable, channelRow, "id") as string);
        if (storedId != channelId)
            throw new ChannelImportException($"The database at that path is channel {storedId ?? "(none)"}, not {channelId}.");

        var schemaVersion = data.IsLegacy ? "unversioned"
            : Get(channelTable, channelRow, "min_schema_version") is { } declared ? Convert.ToString(declared, CultureInfo.InvariantCulture)!.Trim()
            : data.DetectedVersion;
        var labelsFromKind = false;
        if (!data.IsLegacy)
        {
            if (!int.TryParse(schemaVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                throw new ChannelImportException($"Unknown content schema version '{schemaVersion}'.");
            if (number > int.Parse(ChannelDatabase.CurrentVersion, CultureInfo.InvariantCulture))
                throw new ChannelImportException($"The channel needs content schema {schemaVersion}; this server reads up to {ChannelDatabase.CurrentVersion}.");
            labelsFromKind = number < 5;
        }

        var rootId = Ids.Normalize(Convert.ToString(Get(channelTable, channelRow, data.IsLegacy ? "root_pk" : "root_id"), CultureInfo.InvariantCulture))
            ?? throw new ChannelImportException("The channel row has no root node id.");
        var channel = Map(channelTable, channelRow, ChannelColumns);
        channel[Index(ChannelColumns, "id")] = channelId;
        channel[Index(ChannelColumns, "root_id")] = rootId;
        channel[Index(ChannelColumns, "min_schema_version")] = schemaVersion;
        channel[Index(ChannelColumns, "partial")] = false;
        channel[Index(ChannelColumns, "published_size")] = null;
        channel[Index(ChannelColumns, "total_resource_count")] = null;
        channel[Index(ChannelColumns, "public")] = null;
        channel[Index(ChannelColumns, "included_categories")] = null;
        channel[Index(ChannelColumns, "included_grade_levels")] = null;

        var prepared = new PreparedChannel
        {
            Channel = channel,
            ChannelName = (string)channel[Index(ChannelColumns, "name")]!,
            Version = (int)channel[Index(ChannelColumns, "version")]!,
            RootId = rootId,
            SchemaVersion = schemaVersion,
            Languages = MapAll(data["content_language"], LanguageColumns),
            Tags = MapAll(data["content_contenttag"], TagColumns),
            Assessments = MapAll(data["content_assessmentmetadata"], AssessmentColumns),
            Prerequisites = MapAll(data["content_contentnode_has_prerequisite"], LinkColumns),
            Related = MapAll(data["content_contentnode_related"], LinkColumns),
            NodeTags = MapAll(data["content_contentnode_tags"], NodeTagColumns),
        };

        var files = data["content_file"];
        prepared.Files.AddRange(MapAll(files, FileColumns));
        if (data.IsLegacy)
        {
            var checksum = files.IndexOf("checksum");
            for (var i = 0; i < files.Rows.Count; i++) prepared.Files[i][Index(FileColumns, "local_file_id")] = files.Rows[i][checksum];
            var synthesized = new Dictionary<string, object?[]>();
            foreach (var row in files.Rows)
            {
                var id = Convert.ToString(row[checksum], CultureInfo.InvariantCulture);
                if (string.IsNullOrEmpty(id) || synthesized.ContainsKey(id)) continue;
                synthesized[id] = [id, LocalFileColumns[1].Convert(Get(files, row, "extension")), false, LocalFileColumns[3].Convert(Get(files, row, "file_size"))];
            }
            prepared.LocalFiles.AddRange(synthesized.Values);
        }
        else
        {
            prepared.LocalFiles.AddRange(MapAll(data["content_localfile"], LocalFileColumns));
            foreach (var localFile in prepared.LocalFiles) localFile[Index(LocalFileColumns, "available")] = false;
        }

        var licenses = new Dictionary<string, (object? Name, object? Description)>();
        var licenseTable = data["content_license"];
        foreach (var row in licenseTable.Rows)
            licenses[Convert.ToString(Get(licenseTable, row, "id"), CultureInfo.InvariantCulture) ?? ""] =
                (Get(licenseTable, row, "license_name"), Get(licenseTable, row, "license_description"));

        var nodes = data["content_contentnode"];
        var licenseId = nodes.IndexOf("license_id");
        var nodeIndexes = NodeColumns.Select(c => nodes.IndexOf(c.Name)).ToArray();
        foreach (var raw in nodes.Rows)
        {
            var node = new object?[NodeColumns.Length];
            for (var c = 0; c < NodeColumns.Length; c++) node[c] = NodeColumns[c].Convert(nodeIndexes[c] >= 0 ? raw[nodeIndexes[c]] : null);
            node[Index(NodeColumns, "available")] = false;
            if (data.IsLegacy)
            {
                node[Index(NodeColumns, "channel_id")] = channelId;
                if (licenseId >= 0 && raw[licenseId] is { } lic && licenses.TryGetValue(Convert.ToString(lic, CultureInfo.InvariantCulture)!, out var license))
                {
                    node[Index(NodeColumns, "license_name")] = NodeColumns[Index(NodeColumns, "license_name")].Convert(license.Name);
                    node[Index(NodeColumns, "license_description")] = NodeColumns[Index(NodeColumns, "license_description")].Convert(license.Description);
                }
            }
            if (labelsFromKind && ActivityByKind.TryGetValue((string)node[Index(NodeColumns, "kind")]!, out var activity))
                node[Index(NodeColumns, "learning_activities")] = activity;
            foreach (var (field, vocabulary) in ContentLabels.Faceted)
                node[Index(NodeColumns, field + "_bitmask_0")] = ContentLabels.Bitmask(vocabulary, node[Index(NodeColumns, field)] as string);
            prepared.Nodes.Add(node);
        }
        ComputeAncestors(prepared.Nodes);
        return prepared;
    }

    private sealed record Ancestor
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
    }

    private static void ComputeAncestors(List<object?[]> nodes)
    {
        int id = Index(NodeColumns, "id"), parent = Index(NodeColumns, "parent_id"), title = Index(NodeColumns, "title"),
            level = Index(NodeColumns, "level"), ancestors = Index(NodeColumns, "ancestors");
        var byId = new Dictionary<string, object?[]>(nodes.Count);
        foreach (var node in nodes) byId[(string)node[id]!] = node;
        var paths = new Dictionary<string, List<Ancestor>>(nodes.Count);
        foreach (var node in nodes.OrderBy(n => (int)n[level]!))
        {
            var path = new List<Ancestor>();
            if (node[parent] is string parentId && byId.TryGetValue(parentId, out var parentNode))
            {
                if (paths.TryGetValue(parentId, out var parentPath)) path.AddRange(parentPath);
                path.Add(new Ancestor { Id = parentId, Title = (string)parentNode[title]! });
            }
            paths[(string)node[id]!] = path;
            node[ancestors] = JsonSerializer.Serialize(path, AncestorJson);
        }
    }

    private static readonly JsonSerializerOptions AncestorJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static int Index(Column[] columns, string name) => Array.FindIndex(columns, c => c.Name == name);

    private static object? Get(RawTable table, object?[] row, string column) => table.IndexOf(column) is var i and >= 0 ? row[i] : null;

    private static object?[] Map(RawTable table, object?[] row, Column[] columns)
    {
        var mapped = new object?[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var i = table.IndexOf(columns[c].Name);
            mapped[c] = columns[c].Convert(i >= 0 ? row[i] : null);
        }
        return mapped;
    }

    private static List<object?[]> MapAll(RawTable table, Column[] columns)
    {
        var indexes = columns.Select(c => table.IndexOf(c.Name)).ToArray();
        var mapped = new List<object?[]>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var values = new object?[columns.Length];
            for (var c = 0; c < columns.Length; c++) values[c] = columns[c].Convert(indexes[c] >= 0 ? row[indexes[c]] : null);
            mapped.Add(values);
        }
        return mapped;
    }
}
