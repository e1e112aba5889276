using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Tests.Infrastructure.Content;

/// <summary>
/// Builds real channel databases (<c>&lt;dir&gt;/content/databases/&lt;channel_id&gt;.sqlite3</c>) from the table dumps
/// in Tests/Fixtures/Content, as Kolibri lays them out: one table per key, one column per field.
/// </summary>
public static class ChannelDatabaseBuilder
{
    public const string FixtureChannel = "6199dde695db4ee4ab392222d5af1e5c";

    /// <summary>Columns of tables a dump lists with no rows (v0.4.0-beta3's assessment metadata).</summary>
    private static readonly Dictionary<string, string[]> EmptyTableColumns = new()
    {
        ["content_assessmentmetadata"] = ["id", "contentnode_id", "assessment_item_ids", "number_of_assessments", "mastery_model", "randomize", "is_manipulable"],
    };

    public static string FixturesDirectory([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "Fixtures", "Content"));

    public static string FixturePath(string name) => Path.Combine(FixturesDirectory(), name);

    /// <summary>Writes the dump's channel database under <paramref name="directory"/>; returns its path.</summary>
    public static string Build(string dumpName, string directory, string channelId = FixtureChannel,
        Action<Dictionary<string, List<Dictionary<string, JToken?>>>>? edit = null)
    {
        var dump = JObject.Parse(File.ReadAllText(FixturePath(dumpName)));
        var tables = dump.Properties().ToDictionary(
            p => p.Name,
            p => p.Value.Children<JObject>().Select(row => row.Properties()
                .Where(c => c.Value.Type != JTokenType.Array) // Kolibri-only relations dumped along (included_languages)
                .ToDictionary(c => c.Name, c => (JToken?)c.Value)).ToList());
        edit?.Invoke(tables);
        var path = Path.Combine(directory, "content", "databases", channelId + ".sqlite3");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(path);
        using var conn = new SqliteConnection($"Data Source={path};Pooling=False");
        conn.Open();
        using var tx = conn.BeginTransaction();
        foreach (var (table, rows) in tables)
        {
            var columns = rows.SelectMany(r => r.Keys).Distinct().ToList();
            if (columns.Count == 0) columns = [.. EmptyTableColumns.GetValueOrDefault(table, ["id"])];
            Execute(conn, tx, $"CREATE TABLE \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})");
            foreach (var row in rows)
            {
                using var insert = conn.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@v" + i))})";
                for (var i = 0; i < columns.Count; i++)
                    insert.Parameters.AddWithValue("@v" + i, Value(row.GetValueOrDefault(columns[i])));
                insert.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return path;
    }

    private static object Value(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null => DBNull.Value,
        JTokenType.Boolean => (bool)token ? 1L : 0L,
        JTokenType.Integer => (long)token,
        JTokenType.Float => (double)token,
        _ => (string)token!,
    };

    private static void Execute(SqliteConnection conn, SqliteTransaction tx, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
