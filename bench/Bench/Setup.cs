using Dapper;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Bench;

public sealed record ChannelFacts(string ChannelId, string Topic, string Leaf, string Keyword);

/// <summary>Builds a benchmark home: migrate, seed the facility, import a synthetic channel, seed progress logs.</summary>
public static class Setup
{
    public const int ResourcesWithProgress = 200;

    public static void CreateHome(string binary, string home, Scale scale, string root)
    {
        if (Directory.Exists(home)) Directory.Delete(home, recursive: true);
        Directory.CreateDirectory(home);
        Console.WriteLine($"== seeding {scale.Name} home ({scale.Learners} learners, {scale.ChannelNodes} nodes) in {home}");
        Check(Wrk.Run(binary, $"migrate --Kolibri:Home={home}", quiet: true), "migrate");
        var db = Path.Combine(home, "db.sqlite3");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Seeder.SeedFacility(db, scale.Learners);
        Console.WriteLine($"   facility seeded in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        var source = Path.Combine(home, "..", $"channel-{scale.Name}");
        var channelId = ChannelSource.Generate(source, scale.ChannelNodes);
        Check(Wrk.Run(binary, $"importchannel disk {channelId} {source} --with-files --Kolibri:Home={home}"), "importchannel");
        Console.WriteLine($"   channel of {scale.ChannelNodes} nodes imported in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        SeedProgress(db, scale.Learners);
        Console.WriteLine($"   progress logs seeded in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static void Check(int exitCode, string what)
    {
        if (exitCode != 0) throw new InvalidOperationException($"{what} failed with exit code {exitCode}");
    }

    /// <summary>A finished summary log per learner for the channel's first resources, as trackprogress leaves them.</summary>
    private static void SeedProgress(string db, int learners)
    {
        using var conn = new SqliteConnection($"Data Source={db}");
        conn.Open();
        conn.Execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;");
        var resources = conn.Query<(string ContentId, string ChannelId, string Kind)>("""
            SELECT content_id, channel_id, kind FROM content_contentnode WHERE kind <> 'topic' ORDER BY lft LIMIT @n
            """, new { n = ResourcesWithProgress }).ToList();
        using var tx = conn.BeginTransaction();
        using var insert = conn.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO logger_contentsummarylog (id, content_id, start_timestamp, end_timestamp, completion_timestamp, time_spent,
                progress, kind, extra_fields, dataset_id, user_id, channel_id)
            VALUES ($id, $content, $start, $end, $done, $time, $progress, $kind, '{}', $dataset, $user, $channel)
            """;
        var p = new[] { "$id", "$content", "$start", "$end", "$done", "$time", "$progress", "$kind", "$dataset", "$user", "$channel" }
            .Select(n => insert.Parameters.Add(new SqliteParameter(n, ""))).ToArray();
        for (var n = 1; n <= learners; n++)
        {
            var user = Seeder.UserId(n);
            for (var r = 0; r < resources.Count; r++)
            {
                var done = (n + r) % 3 != 0;
                p[0].Value = $"{n:x8}{r:x8}".PadLeft(32, '5'); // ascending ids: appends to the indexes instead of random inserts
                p[1].Value = resources[r].ContentId;
                p[2].Value = "2025-02-01T10:00:00.000000Z";
                p[3].Value = "2025-02-01T10:05:00.000000Z";
                p[4].Value = done ? "2025-02-01T10:05:00.000000Z" : DBNull.Value;
                p[5].Value = 300.0;
                p[6].Value = done ? 1.0 : 0.5;
                p[7].Value = resources[r].Kind;
                p[8].Value = Seeder.DatasetId;
                p[9].Value = user;
                p[10].Value = resources[r].ChannelId;
                insert.ExecuteNonQuery();
            }
        }
        tx.Commit();
        conn.Execute("ANALYZE;");
    }

    /// <summary>What the content scenarios ask for: a topic with children half-way down, a resource, a word in titles.</summary>
    public static ChannelFacts? ReadChannel(string home)
    {
        using var conn = new SqliteConnection($"Data Source={Path.Combine(home, "db.sqlite3")};Mode=ReadOnly");
        conn.Open();
        var channel = conn.QueryFirstOrDefault<string>("SELECT id FROM content_channelmetadata ORDER BY id");
        if (channel is null) return null;
        var topic = conn.QueryFirst<string>("""
            SELECT id FROM content_contentnode WHERE channel_id = @channel AND kind = 'topic' AND level = 2 ORDER BY lft LIMIT 1
            """, new { channel });
        var leaf = conn.QueryFirst<string>("""
            SELECT id FROM content_contentnode WHERE channel_id = @channel AND kind <> 'topic' ORDER BY lft DESC LIMIT 1
            """, new { channel });
        return new ChannelFacts(channel, topic, leaf, ChannelSource.SearchWord);
    }
}
