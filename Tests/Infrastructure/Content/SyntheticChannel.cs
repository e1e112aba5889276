using Microsoft.Data.Sqlite;

namespace KolibriSlices.Tests.Infrastructure.Content;

/// <summary>
/// Generates a content-schema-5 channel database of any size: a tree <see cref="Depth"/> levels deep whose fan-out is
/// chosen so that <see cref="Nodes"/> nodes fit (topics above, resources on the deepest level), each resource with a
/// main file and a thumbnail, labels, tags, a language, assessment metadata for exercises, prerequisites and related
/// links. Deterministic for a given <see cref="Seed"/>. Tests use it small; the benchmark builds 100,000+ nodes:
/// <c>new SyntheticChannel { Nodes = 100_000, Depth = 5 }.Build(dir)</c> then <c>importchannel disk &lt;id&gt; &lt;dir&gt;</c>.
/// </summary>
public sealed class SyntheticChannel
{
    public string ChannelId { get; init; } = "5e0000000000000000000000000000c1";
    public string Name { get; init; } = "Synthetic channel";
    public int Nodes { get; init; } = 1_000;
    public int Depth { get; init; } = 4;
    public int Version { get; init; } = 1;
    public int Seed { get; init; } = 42;
    public string MinSchemaVersion { get; init; } = "5";
    /// <summary>Also write the content files of every n-th resource under &lt;dir&gt;/content/storage/ (0 = none).</summary>
    public int StorageEvery { get; init; }

    public sealed record Result
    {
        public required string Path { get; init; }
        public required string RootId { get; init; }
        public required int Nodes { get; init; }
        public required int Resources { get; init; }
        public required int MaxLevel { get; init; }
        public required int FilesWritten { get; init; }
    }

    private static readonly string[] Kinds = ["video", "exercise", "document", "audio", "html5"];
    private static readonly Dictionary<string, (string Preset, string Extension)> MainFile = new()
    {
        ["video"] = ("high_res_video", "mp4"),
        ["exercise"] = ("exercise", "perseus"),
        ["document"] = ("document", "pdf"),
        ["audio"] = ("audio", "mp3"),
        ["html5"] = ("html5_zip", "zip"),
    };

    private sealed record Node(string Id, string? ParentId, int Level, string Kind, string Title)
    {
        public int Lft { get; set; }
        public int Rght { get; set; }
    }

    public Result Build(string directory)
    {
        var random = new Random(Seed);
        string NewId()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            return Convert.ToHexStringLower(bytes);
        }

        var fanOut = 2;
        while (Enumerable.Range(0, Depth).Sum(l => Math.Pow(fanOut, l)) < Nodes) fanOut++;

        var nodes = new List<Node>(Nodes);
        var root = new Node(NewId(), null, 0, "topic", Name);
        nodes.Add(root);
        var counter = 1;
        void Grow(Node parent)
        {
            for (var i = 0; i < fanOut && nodes.Count < Nodes; i++)
            {
                var leaf = parent.Level + 1 == Depth - 1;
                var kind = leaf ? Kinds[(counter + i) % Kinds.Length] : "topic";
                var child = new Node(NewId(), parent.Id, parent.Level + 1, kind, $"{(leaf ? kind : "Topic")} {counter++}");
                nodes.Add(child);
                if (!leaf) Grow(child);
            }
        }
        Grow(root);

        var children = nodes.Where(n => n.ParentId is not null).GroupBy(n => n.ParentId!).ToDictionary(g => g.Key, g => g.ToList());
        var next = 1;
        void Number(Node node)
        {
            node.Lft = next++;
            foreach (var child in children.GetValueOrDefault(node.Id, [])) Number(child);
            node.Rght = next++;
        }
        Number(root);

        var path = System.IO.Path.Combine(directory, "content", "databases", ChannelId + ".sqlite3");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(path);
        using var conn = new SqliteConnection($"Data Source={path};Pooling=False");
        conn.Open();
        using var tx = conn.BeginTransaction();
        Exec(conn, tx, Schema);
        Exec(conn, tx, "INSERT INTO content_language (id, lang_code, lang_subcode, lang_name, lang_direction) VALUES ('en', 'en', NULL, 'English', 'ltr')");
        string[] tagIds = [NewId(), NewId(), NewId()];
        for (var t = 0; t < tagIds.Length; t++)
            Exec(conn, tx, "INSERT INTO content_contenttag (id, tag_name) VALUES (@id, @name)", ("@id", tagIds[t]), ("@name", $"synthetic tag {t + 1}"));
        Exec(conn, tx, """
            INSERT INTO content_channelmetadata (id, name, description, tagline, author, version, thumbnail, last_updated, min_schema_version, root_id)
            VALUES (@id, @name, 'Generated for tests and benchmarks', 'generated', 'KolibriSlices', @version, '', NULL, @schema, @root)
            """, ("@id", ChannelId), ("@name", Name), ("@version", Version), ("@schema", MinSchemaVersion), ("@root", root.Id));

        using var insertNode = Prepare(conn, tx, """
            INSERT INTO content_contentnode (id, parent_id, license_name, license_description, title, coach_content, content_id, channel_id,
                description, sort_order, license_owner, author, kind, available, options, grade_levels, resource_types, learning_activities,
                accessibility_labels, categories, learner_needs, duration, lft, rght, tree_id, level, lang_id)
            VALUES (@id, @parent, 'CC BY', NULL, @title, @coach, @contentId, @channel, @description, @sort, 'Learning Equality', @author, @kind,
                0, '{}', @grades, NULL, @activities, NULL, @categories, NULL, @duration, @lft, @rght, 1, @level, 'en')
            """, "@id", "@parent", "@title", "@coach", "@contentId", "@channel", "@description", "@sort", "@author", "@kind", "@grades",
            "@activities", "@categories", "@duration", "@lft", "@rght", "@level");
        using var insertLocal = Prepare(conn, tx, "INSERT INTO content_localfile (id, extension, available, file_size) VALUES (@id, @ext, 0, @size)",
            "@id", "@ext", "@size");
        using var insertFile = Prepare(conn, tx, """
            INSERT INTO content_file (id, local_file_id, contentnode_id, preset, lang_id, supplementary, thumbnail, priority)
            VALUES (@id, @local, @node, @preset, NULL, 0, @thumb, @priority)
            """, "@id", "@local", "@node", "@preset", "@thumb", "@priority");
        using var insertTag = Prepare(conn, tx, "INSERT INTO content_contentnode_tags (contentnode_id, contenttag_id) VALUES (@node, @tag)", "@node", "@tag");
        using var insertAssessment = Prepare(conn, tx, """
            INSERT INTO content_assessmentmetadata (id, contentnode_id, assessment_item_ids, number_of_assessments, mastery_model, randomize, is_manipulable)
            VALUES (@id, @node, '["a","b","c"]', 3, '{"type": "m_of_n", "m": 2, "n": 3}', 1, 0)
            """, "@id", "@node");

        var activities = new Dictionary<string, string>
        {
            ["video"] = "UD5UGM0z", ["exercise"] = "VwRCom7G", ["document"] = "wA01urpi", ["audio"] = "mkA1R3NU", ["html5"] = "#j8L0eq3",
        };
        string[] categories = ["d&WXdXWF.qs0Xlaxq.nG96nHDc", "d&WXdXWF.i1IdaNwr.uErN4PdS", "d&WXdXWF.kHKJ&PbV", "PbGoe2MV"];
        string[] grades = ["wnarlxKo", "BkGYi3lD", "eLt0Mbu4"];
        var resources = 0;
        var written = 0;
        string? previousResource = null;
        var prerequisites = new List<(string From, string To)>();
        foreach (var node in nodes)
        {
            var resource = node.Kind != "topic";
            Run(insertNode, node.Id, node.ParentId, node.Title, resource && node.Lft % 17 == 0 ? 1 : 0, NewId(), ChannelId,
                $"Description of {node.Title}", null, resource ? "Synthetic Author" : "", node.Kind,
                resource ? grades[node.Lft % grades.Length] : null, resource ? activities[node.Kind] : null,
                resource ? categories[node.Lft % categories.Length] : null, node.Kind is "video" or "audio" ? 60 + node.Lft % 600 : null,
                node.Lft, node.Rght, node.Level);
            if (!resource) continue;
            resources++;
            var (preset, extension) = MainFile[node.Kind];
            var store = StorageEvery > 0 && resources % StorageEvery == 0;
            foreach (var (filePreset, fileExtension, thumbnail, priority) in new[] { (preset, extension, 0, 1), ("video_thumbnail", "png", 1, 2) })
            {
                var checksum = NewId();
                var size = 1000 + random.Next(100_000);
                Run(insertLocal, checksum, fileExtension, size);
                Run(insertFile, NewId(), checksum, node.Id, filePreset, thumbnail, priority);
                if (store)
                {
                    var file = System.IO.Path.Combine(directory, "content", "storage", checksum[..1], checksum[1..2], $"{checksum}.{fileExtension}");
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
                    File.WriteAllBytes(file, new byte[16]);
                    written++;
                }
            }
            Run(insertTag, node.Id, tagIds[resources % tagIds.Length]);
            if (node.Kind == "exercise") Run(insertAssessment, NewId(), node.Id);
            if (previousResource is not null && resources % 10 == 0) prerequisites.Add((node.Id, previousResource));
            previousResource = node.Id;
        }
        foreach (var (from, to) in prerequisites)
        {
            Exec(conn, tx, "INSERT INTO content_contentnode_has_prerequisite (from_contentnode_id, to_contentnode_id) VALUES (@f, @t)", ("@f", from), ("@t", to));
            Exec(conn, tx, "INSERT INTO content_contentnode_related (from_contentnode_id, to_contentnode_id) VALUES (@f, @t)", ("@f", from), ("@t", to));
            Exec(conn, tx, "INSERT INTO content_contentnode_related (from_contentnode_id, to_contentnode_id) VALUES (@t, @f)", ("@f", from), ("@t", to));
        }
        tx.Commit();
        return new Result
        {
            Path = path, RootId = root.Id, Nodes = nodes.Count, Resources = resources, MaxLevel = nodes.Max(n => n.Level), FilesWritten = written,
        };
    }

    private const string Schema = """
        CREATE TABLE content_contenttag (id char(32) PRIMARY KEY, tag_name varchar(30) NOT NULL);
        CREATE TABLE content_language (id varchar(14) PRIMARY KEY, lang_code varchar(3) NOT NULL, lang_subcode varchar(10), lang_name varchar(100), lang_direction varchar(3) NOT NULL);
        CREATE TABLE content_localfile (id varchar(32) PRIMARY KEY, extension varchar(40) NOT NULL, available bool NOT NULL, file_size integer);
        CREATE TABLE content_contentnode (id char(32) PRIMARY KEY, license_name varchar(50), license_description text, title varchar(200) NOT NULL,
            coach_content bool NOT NULL, content_id char(32) NOT NULL, channel_id char(32) NOT NULL, description text, sort_order real,
            license_owner varchar(200) NOT NULL, author varchar(200) NOT NULL, kind varchar(200) NOT NULL, available bool NOT NULL, options text,
            grade_levels text, resource_types text, learning_activities text, accessibility_labels text, categories text, learner_needs text,
            duration integer, lft integer NOT NULL, rght integer NOT NULL, tree_id integer NOT NULL, level integer NOT NULL, lang_id varchar(14),
            parent_id char(32));
        CREATE TABLE content_assessmentmetadata (id char(32) PRIMARY KEY, assessment_item_ids text NOT NULL, number_of_assessments integer NOT NULL,
            mastery_model text NOT NULL, randomize bool NOT NULL, is_manipulable bool NOT NULL, contentnode_id char(32) NOT NULL);
        CREATE TABLE content_channelmetadata (id char(32) PRIMARY KEY, name varchar(200) NOT NULL, description varchar(400) NOT NULL,
            tagline varchar(150), author varchar(400) NOT NULL, version integer NOT NULL, thumbnail text NOT NULL, last_updated varchar(50),
            min_schema_version varchar(50) NOT NULL, root_id char(32) NOT NULL);
        CREATE TABLE content_contentnode_has_prerequisite (id integer PRIMARY KEY AUTOINCREMENT, from_contentnode_id char(32) NOT NULL, to_contentnode_id char(32) NOT NULL);
        CREATE TABLE content_contentnode_related (id integer PRIMARY KEY AUTOINCREMENT, from_contentnode_id char(32) NOT NULL, to_contentnode_id char(32) NOT NULL);
        CREATE TABLE content_contentnode_tags (id integer PRIMARY KEY AUTOINCREMENT, contentnode_id char(32) NOT NULL, contenttag_id char(32) NOT NULL);
        CREATE TABLE content_file (id char(32) PRIMARY KEY, supplementary bool NOT NULL, thumbnail bool NOT NULL, priority integer,
            contentnode_id char(32) NOT NULL, lang_id varchar(14), local_file_id varchar(32) NOT NULL, preset varchar(150) NOT NULL);
        """;

    private static void Exec(SqliteConnection conn, SqliteTransaction tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection conn, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        cmd.Prepare();
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }
}
