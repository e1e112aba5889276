using Dapper;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Bench;

/// <summary>
/// Writes a synthetic Kolibri channel database (content schema 5) of a chosen size in the layout `importchannel disk`
/// reads (&lt;dir&gt;/content/databases/&lt;channel_id&gt;.sqlite3): 5 levels below the root, topics of ~10 children,
/// one (empty) file per resource in content/storage/, so `--with-files` makes every resource available. Titles carry
/// words that keyword search finds.
/// </summary>
public static class ChannelSource
{
    public const string SearchWord = "photosynthesis";
    private static readonly string[] Words = ["algebra", "fractions", "reading", "history", "geometry", "music", "biology", "grammar", SearchWord, "chemistry"];
    private static readonly string[] Kinds = ["video", "exercise", "document", "audio", "html5"];

    public static string Generate(string directory, int nodes)
    {
        var channelId = Seeder.Id("bench-channel", nodes);
        var databases = Path.Combine(directory, "content", "databases");
        var storage = Path.Combine(directory, "content", "storage");
        Directory.CreateDirectory(databases);
        var file = Path.Combine(databases, channelId + ".sqlite3");
        if (File.Exists(file)) File.Delete(file);
        using var conn = new SqliteConnection($"Data Source={file};Pooling=False");
        conn.Open();
        conn.Execute("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE content_contenttag (id char(32) PRIMARY KEY, tag_name varchar(30) NOT NULL);
            CREATE TABLE content_language (id varchar(14) PRIMARY KEY, lang_code varchar(3) NOT NULL, lang_subcode varchar(10), lang_name varchar(100), lang_direction varchar(3) NOT NULL);
            CREATE TABLE content_localfile (id varchar(32) PRIMARY KEY, extension varchar(40) NOT NULL, available bool NOT NULL, file_size integer);
            CREATE TABLE content_contentnode (id char(32) PRIMARY KEY, license_name varchar(50), license_description text, title varchar(200) NOT NULL,
              coach_content bool NOT NULL, content_id char(32) NOT NULL, channel_id char(32) NOT NULL, description text, sort_order real,
              license_owner varchar(200) NOT NULL, author varchar(200) NOT NULL, kind varchar(200) NOT NULL, available bool NOT NULL, options text,
              accessibility_labels text, categories text, grade_levels text, learner_needs text, learning_activities text, resource_types text,
              duration integer, lft integer NOT NULL, rght integer NOT NULL, tree_id integer NOT NULL, level integer NOT NULL, lang_id varchar(14), parent_id char(32));
            CREATE TABLE content_assessmentmetadata (id char(32) PRIMARY KEY, assessment_item_ids text NOT NULL, number_of_assessments integer NOT NULL,
              mastery_model text NOT NULL, randomize bool NOT NULL, is_manipulable bool NOT NULL, contentnode_id char(32) NOT NULL);
            CREATE TABLE content_channelmetadata (id char(32) PRIMARY KEY, name varchar(200) NOT NULL, description varchar(400) NOT NULL, tagline varchar(150),
              author varchar(400) NOT NULL, version integer NOT NULL, thumbnail text NOT NULL, last_updated varchar, min_schema_version varchar(50) NOT NULL, root_id char(32) NOT NULL);
            CREATE TABLE content_contentnode_has_prerequisite (id integer PRIMARY KEY, from_contentnode_id char(32) NOT NULL, to_contentnode_id char(32) NOT NULL);
            CREATE TABLE content_contentnode_related (id integer PRIMARY KEY, from_contentnode_id char(32) NOT NULL, to_contentnode_id char(32) NOT NULL);
            CREATE TABLE content_contentnode_tags (id integer PRIMARY KEY, contentnode_id char(32) NOT NULL, contenttag_id char(32) NOT NULL);
            CREATE TABLE content_file (id char(32) PRIMARY KEY, supplementary bool NOT NULL, thumbnail bool NOT NULL, priority integer, contentnode_id char(32) NOT NULL,
              lang_id varchar(14), local_file_id varchar(32) NOT NULL, preset varchar(150) NOT NULL);
            INSERT INTO content_language VALUES ('en', 'en', NULL, 'English', 'ltr');
            """);

        using var tx = conn.BeginTransaction();
        var node = conn.CreateCommand();
        node.Transaction = tx;
        node.CommandText = """
            INSERT INTO content_contentnode (id, license_name, license_description, title, coach_content, content_id, channel_id, description, sort_order,
              license_owner, author, kind, available, options, learning_activities, duration, lft, rght, tree_id, level, lang_id, parent_id)
            VALUES ($id, 'CC BY', '', $title, 0, $content, $channel, $description, $sort, 'Bench', 'Bench Author', $kind, 1, '{}', $activities,
              $duration, $lft, $rght, 1, $level, 'en', $parent)
            """;
        var p = new[] { "$id", "$title", "$content", "$channel", "$description", "$sort", "$kind", "$activities", "$duration", "$lft", "$rght", "$level", "$parent" }
            .Select(n => node.Parameters.Add(new SqliteParameter(n, ""))).ToArray();
        var fileInsert = conn.CreateCommand();
        fileInsert.Transaction = tx;
        fileInsert.CommandText = """
            INSERT INTO content_localfile (id, extension, available, file_size) VALUES ($checksum, 'mp4', 0, 1048576);
            INSERT INTO content_file (id, supplementary, thumbnail, priority, contentnode_id, lang_id, local_file_id, preset)
            VALUES ($file, 0, 0, 1, $node, 'en', $checksum, 'high_res_video');
            """;
        var fp = new[] { "$checksum", "$file", "$node" }.Select(n => fileInsert.Parameters.Add(new SqliteParameter(n, ""))).ToArray();

        // Ten children per topic at every scale, filled depth-first until `nodes` nodes: the scenario topic (the first
        // one on level 2) then has the same shape in a 10,000- and a 100,000-node channel, so the small/large ratio
        // measures the channel's size and not a bigger answer.
        const int fanout = 10;
        var count = 0;
        var counter = 0;
        int Build(string id, string? parent, int level, int lft, int sort)
        {
            var isTopic = level < 5 && count < nodes;
            count++;
            var children = new List<string>();
            var right = lft + 1;
            if (isTopic)
                for (var c = 0; c < fanout && count < nodes; c++)
                {
                    var child = Seeder.Id(channelId, "node", ++counter);
                    right = Build(child, id, level + 1, right, c) + 1;
                }
            var n = counter;
            var kind = level == 0 || isTopic ? "topic" : Kinds[n % Kinds.Length];
            p[0].Value = id;
            p[1].Value = level == 0 ? "Bench Channel" : $"{Words[n % Words.Length]} {(kind == "topic" ? "unit" : "lesson")} {n}";
            p[2].Value = Seeder.Id("content", id);
            p[3].Value = channelId;
            p[4].Value = $"About {Words[(n / 10) % Words.Length]} and {Words[(n / 3) % Words.Length]}.";
            p[5].Value = (double)sort;
            p[6].Value = kind;
            p[7].Value = kind switch { "exercise" => "VwRCom7G", "video" => "UD5UGM0z", "audio" => "mkA1R3NU", "document" => "wA01urpi", "html5" => "#j8L0eq3", _ => (object)DBNull.Value };
            p[8].Value = kind == "topic" ? DBNull.Value : 120 + n % 600;
            p[9].Value = lft;
            p[10].Value = right;
            p[11].Value = level;
            p[12].Value = (object?)parent ?? DBNull.Value;
            node.ExecuteNonQuery();
            if (kind != "topic")
            {
                var checksum = Seeder.Id("file", id);
                var folder = Path.Combine(storage, checksum[..1], checksum[1..2]);
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, checksum + ".mp4"), []);
                fp[0].Value = checksum;
                fp[1].Value = Seeder.Id("filerow", id);
                fp[2].Value = id;
                fileInsert.ExecuteNonQuery();
            }
            return right;
        }
        var root = channelId;
        Build(root, null, 0, 1, 0);
        conn.Execute("""
            INSERT INTO content_channelmetadata (id, name, description, tagline, author, version, thumbnail, last_updated, min_schema_version, root_id)
            VALUES (@channelId, 'Bench Channel', 'A synthetic channel for the benchmark', 'Fast', 'Bench', 1, '', '2025-01-01 00:00:00', '5', @root)
            """, new { channelId, root }, tx);
        tx.Commit();
        return channelId;
    }
}
