using Microsoft.Data.Sqlite;

namespace KolibriSlices.Features.Content.ImportChannel;

/// <summary>Why a channel database cannot be imported; the verb prints the message and exits non-zero.</summary>
public sealed class ChannelImportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One table of a channel database as read: column names and raw SQLite values.</summary>
public sealed class RawTable(string[] columns, List<object?[]> rows)
{
    public static readonly RawTable Empty = new([], []);
    public string[] Columns { get; } = columns;
    public List<object?[]> Rows { get; } = rows;
    public int IndexOf(string column) => Array.IndexOf(Columns, column);
}

/// <summary>
/// A channel database (<c>&lt;channel_id&gt;.sqlite3</c>) read whole into memory, with its export schema version told
/// apart by which tables and columns exist (content.md §9.2): 5..1, then the legacy layouts without local files.
/// </summary>
public sealed class ChannelDatabase
{
    public const string CurrentVersion = "5";
    public static readonly string[] LegacyVersions = ["unversioned", "v0.4.0-beta3", "v0.2.0-beta1"];

    public required string DetectedVersion { get; init; }
    public required IReadOnlyDictionary<string, RawTable> Tables { get; init; }

    public bool IsLegacy => LegacyVersions.Contains(DetectedVersion);

    public RawTable this[string table] => Tables.TryGetValue(table, out var t) ? t : RawTable.Empty;

    private static readonly string[] TableNames =
    [
        "content_contenttag", "content_language", "content_localfile", "content_contentnode", "content_assessmentmetadata",
        "content_channelmetadata", "content_contentnode_has_prerequisite", "content_contentnode_related",
        "content_contentnode_tags", "content_file", "content_license",
    ];

    public static ChannelDatabase Read(string path)
    {
        if (!File.Exists(path)) throw new ChannelImportException($"No channel database at {path}.");
        if (new FileInfo(path).Length == 0) throw new ChannelImportException($"{path} is empty, not a channel database.");
        try
        {
            using var conn = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            conn.Open();
            var schema = ReadSchema(conn);
            var version = Detect(schema) ?? throw new ChannelImportException(
                $"{path} is not a Kolibri channel database (no known content schema: tables {string.Join(", ", schema.Keys.Order())}).");
            var tables = new Dictionary<string, RawTable>();
            foreach (var name in TableNames.Where(schema.ContainsKey))
                tables[name] = ReadTable(conn, name, schema[name]);
            return new ChannelDatabase { DetectedVersion = version, Tables = tables };
        }
        catch (SqliteException e)
        {
            throw new ChannelImportException($"{path} is not a readable SQLite database: {e.Message}", e);
        }
    }

    private static Dictionary<string, HashSet<string>> ReadSchema(SqliteConnection conn)
    {
        var tables = new List<string>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var schema = new Dictionary<string, HashSet<string>>();
        foreach (var table in tables.Where(t => t.StartsWith("content_", StringComparison.Ordinal)))
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"PRAGMA table_info(\"{table.Replace("\"", "\"\"")}\")";
            using var reader = cmd.ExecuteReader();
            var columns = new HashSet<string>();
            while (reader.Read()) columns.Add(reader.GetString(1));
            schema[table] = columns;
        }
        return schema;
    }

    private static bool Has(Dictionary<string, HashSet<string>> schema, string table, params string[] columns) =>
        schema.TryGetValue(table, out var have) && columns.All(have.Contains);

    /// <summary>Newest first: the first layout whose tables and columns all exist.</summary>
    private static string? Detect(Dictionary<string, HashSet<string>> schema)
    {
        string[] common = ["content_contenttag", "content_language", "content_contentnode", "content_channelmetadata",
            "content_contentnode_has_prerequisite", "content_contentnode_related", "content_contentnode_tags", "content_file"];
        if (!common.All(schema.ContainsKey) || !Has(schema, "content_contentnode", "id", "lft", "rght", "tree_id", "level", "kind", "title"))
            return null;
        if (Has(schema, "content_localfile", "id", "extension") && Has(schema, "content_contentnode", "channel_id"))
        {
            if (Has(schema, "content_contentnode", "learning_activities", "duration", "options")) return "5";
            if (Has(schema, "content_contentnode", "options")) return "4";
            if (Has(schema, "content_contentnode", "coach_content") && !Has(schema, "content_contentnode", "stemmed_metaphone")) return "3";
            if (Has(schema, "content_contentnode", "coach_content")) return "2";
            return "1";
        }
        if (!Has(schema, "content_file", "checksum") || !Has(schema, "content_channelmetadata", "root_pk")) return null;
        if (Has(schema, "content_contentnode", "lang_id")) return "unversioned";
        return schema.ContainsKey("content_assessmentmetadata") ? "v0.4.0-beta3" : "v0.2.0-beta1";
    }

    private static RawTable ReadTable(SqliteConnection conn, string table, HashSet<string> columns)
    {
        var names = columns.Order(StringComparer.Ordinal).ToArray();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {string.Join(", ", names.Select(n => $"\"{n}\""))} FROM \"{table}\"";
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[names.Length];
            for (var i = 0; i < names.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return new RawTable(names, rows);
    }
}
