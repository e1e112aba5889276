using KolibriSlices.Features.Content.ImportChannel;
using KolibriSlices.Tests.Infrastructure.Content;

namespace KolibriSlices.Tests.Features.Content.ImportChannel;

/// <summary>The importchannel verb, run in-process with the test app's services, on channel databases built from the fixtures.</summary>
public sealed class ImportChannelTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Channel = ChannelDatabaseBuilder.FixtureChannel;
    private readonly string _source = Path.Combine(Path.GetTempPath(), "kolibri-slices-tests", "import-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_source);
        _ = app.Services;
        await app.Seed.ResetContentAsync();
        if (Directory.Exists(Path.Combine(app.Home, "content"))) Directory.Delete(Path.Combine(app.Home, "content"), recursive: true);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_source, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private Task<int> ImportAsync(string channelId = Channel, bool? withFiles = null) =>
        ImportChannelVerb.RunAsync(channelId, _source, app.Services, withFiles);

    private Task<long> CountAsync(string table) => app.Seed.ScalarAsync<long>($"SELECT COUNT(*) FROM {table}")!;

    [Theory]
    [InlineData("5_content_data.json", "1")]
    [InlineData("4_content_data.json", "1")]
    [InlineData("3_content_data.json", "1")]
    [InlineData("2_content_data.json", "1")]
    [InlineData("1_content_data.json", "1")]
    [InlineData("unversioned_content_data.json", "unversioned")]
    [InlineData("v0.4.0-beta3_content_data.json", "unversioned")]
    [InlineData("v0.2.0-beta1_content_data.json", "unversioned")]
    [InlineData("longdescriptions_content_data.json", "1")]
    public async Task Every_fixture_schema_version_imports_with_every_table(string dump, string schema)
    {
        ChannelDatabaseBuilder.Build(dump, _source);
        Assert.Equal(0, await ImportAsync());

        Assert.Equal(7, await CountAsync("content_contentnode"));
        Assert.Equal(5, await CountAsync("content_file"));
        Assert.Equal(5, await CountAsync("content_localfile"));
        Assert.Equal(5, await CountAsync("content_contentnode_tags"));
        Assert.Equal(1, await CountAsync("content_contentnode_has_prerequisite"));
        Assert.Equal(2, await CountAsync("content_contentnode_related"));
        Assert.Equal(schema, await app.Seed.ScalarAsync<string>("SELECT min_schema_version FROM content_channelmetadata"));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode WHERE available = TRUE"));
        Assert.Equal(7, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode WHERE channel_id = @Channel", new { Channel }));
        Assert.NotNull(await app.Seed.ScalarAsync<string>("SELECT last_updated FROM content_channelmetadata"));
        Assert.Equal("WTFPL", await app.Seed.ScalarAsync<string>("SELECT license_name FROM content_contentnode WHERE id = 'da7ecc42e62553eebc8121242746e88a'"));
        Assert.True(File.Exists(Path.Combine(app.Home, "content", "databases", Channel + ".sqlite3")));
        var exercise = await app.Seed.ScalarAsync<string>("SELECT learning_activities FROM content_contentnode WHERE kind = 'exercise'");
        Assert.Equal(schema == "unversioned" ? null : "VwRCom7G", exercise);
    }

    [Fact]
    public async Task Schema_1_to_4_channels_get_learning_activities_from_their_kind_and_bitmasks_and_ancestors()
    {
        ChannelDatabaseBuilder.Build("4_content_data.json", _source);
        Assert.Equal(0, await ImportAsync());
        Assert.Equal("UD5UGM0z", await app.Seed.ScalarAsync<string>("SELECT learning_activities FROM content_contentnode WHERE id = '32a941fb77c2576e8f6b294cde4c3b0c'"));
        Assert.Equal(1L << 6, await app.Seed.ScalarAsync<long>("SELECT learning_activities_bitmask_0 FROM content_contentnode WHERE id = '32a941fb77c2576e8f6b294cde4c3b0c'"));
        Assert.Equal(1L << 3, await app.Seed.ScalarAsync<long>("SELECT learning_activities_bitmask_0 FROM content_contentnode WHERE kind = 'exercise'"));
        Assert.Equal("""[{"id":"da7ecc42e62553eebc8121242746e88a","title":"root"},{"id":"2e8bac07947855369fe2d77642dfc870","title":"c2"}]""",
            await app.Seed.ScalarAsync<string>("SELECT ancestors FROM content_contentnode WHERE id = '2b6926ed22025518a8b9da91745b51d3'"));
        Assert.Equal("[]", await app.Seed.ScalarAsync<string>("SELECT ancestors FROM content_contentnode WHERE parent_id IS NULL"));
    }

    [Fact]
    public async Task A_fresh_import_leaves_the_channel_unannotated_until_files_are_there()
    {
        ChannelDatabaseBuilder.Build("5_content_data.json", _source);
        Assert.Equal(0, await ImportAsync());
        Assert.Null(await app.Seed.ScalarAsync<long?>("SELECT total_resource_count FROM content_channelmetadata"));
        Assert.Null(await app.Seed.ScalarAsync<long?>("SELECT published_size FROM content_channelmetadata"));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_localfile WHERE available = TRUE"));
    }

    [Fact]
    public async Task With_files_marks_found_files_and_their_nodes_available_and_copies_them_home()
    {
        var synthetic = new SyntheticChannel { Nodes = 200, Depth = 4, StorageEvery = 2 }.Build(_source);
        Assert.Equal(0, await ImportAsync("5e0000000000000000000000000000c1", withFiles: true));

        Assert.Equal(synthetic.FilesWritten, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_localfile WHERE available = TRUE"));
        var availableResources = await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_contentnode WHERE available = TRUE AND kind <> 'topic'");
        Assert.Equal(synthetic.Resources / 2, availableResources);
        Assert.Equal(availableResources, await app.Seed.ScalarAsync<long>("SELECT total_resource_count FROM content_channelmetadata"));
        Assert.Equal(availableResources, await app.Seed.ScalarAsync<long>("SELECT on_device_resources FROM content_contentnode WHERE parent_id IS NULL"));
        Assert.True(await app.Seed.ScalarAsync<bool>("SELECT available FROM content_contentnode WHERE parent_id IS NULL"));
        Assert.True(await app.Seed.ScalarAsync<long>("SELECT published_size FROM content_channelmetadata") > 0);
        Assert.Equal(1, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_channelmetadata_included_languages"));
        var checksum = await app.Seed.ScalarAsync<string>("SELECT id FROM content_localfile WHERE available = TRUE AND extension = 'png'");
        Assert.True(File.Exists(Path.Combine(app.Home, "content", "storage", checksum![..1], checksum[1..2], checksum + ".png")));
        // A topic is available exactly when one of its children is.
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("""
            SELECT COUNT(*) FROM content_contentnode t WHERE t.kind = 'topic' AND t.available <> EXISTS (
                SELECT 1 FROM content_contentnode c WHERE c.parent_id = t.id AND c.available = TRUE)
            """));
    }

    [Fact]
    public async Task A_corrupt_file_fails_with_a_message_and_changes_nothing()
    {
        new SyntheticChannel { Nodes = 50 }.Build(_source);
        Assert.Equal(0, await ImportAsync("5e0000000000000000000000000000c1"));
        var before = await CountAsync("content_contentnode");
        var key = await app.Seed.ScalarAsync<string>("SELECT key FROM content_cachekey");

        var path = ChannelImporter.DatabasePath(_source, Channel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "this is not a database, just some text long enough to look like one ............................................");
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try { Assert.Equal(1, await ImportAsync()); }
        finally { Console.SetError(original); }

        Assert.Contains("not a readable SQLite database", error.ToString());
        Assert.Equal(before, await CountAsync("content_contentnode"));
        Assert.Equal(0, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM content_channelmetadata WHERE id = @Channel", new { Channel }));
        Assert.Equal(key, await app.Seed.ScalarAsync<string>("SELECT key FROM content_cachekey"));
        Assert.False(File.Exists(Path.Combine(app.Home, "content", "databases", Channel + ".sqlite3")));
    }

    [Fact]
    public async Task A_missing_file_an_empty_file_and_a_foreign_channel_are_refused()
    {
        Assert.Equal(1, await ImportAsync());
        var path = ChannelImporter.DatabasePath(_source, Channel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, []);
        Assert.Equal(1, await ImportAsync());

        ChannelDatabaseBuilder.Build("5_content_data.json", _source);
        File.Move(path, ChannelImporter.DatabasePath(_source, "fedcba0987654321fedcba0987654321"), overwrite: true);
        Assert.Equal(1, await ImportAsync("fedcba0987654321fedcba0987654321"));
        Assert.Equal(1, await ImportAsync("not-a-channel-id"));
        Assert.Equal(0, await CountAsync("content_contentnode"));
        Assert.Equal(0, await CountAsync("content_channelmetadata"));
    }

    [Fact]
    public async Task A_newer_content_schema_is_refused()
    {
        ChannelDatabaseBuilder.Build("5_content_data.json", _source, edit: tables => tables["content_channelmetadata"][0]["min_schema_version"] = "6");
        Assert.Equal(1, await ImportAsync());
        Assert.Equal(0, await CountAsync("content_contentnode"));
    }

    [Fact]
    public async Task A_sqlite_file_that_is_not_a_channel_database_is_refused()
    {
        var path = ChannelImporter.DatabasePath(_source, Channel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "CREATE TABLE something_else (id integer)";
            cmd.ExecuteNonQuery();
        }
        Assert.Equal(1, await ImportAsync());
    }

    [Fact]
    public async Task Re_importing_the_same_version_is_a_no_op_and_keeps_local_file_availability()
    {
        ChannelDatabaseBuilder.Build("5_content_data.json", _source);
        Assert.Equal(0, await ImportAsync());
        await app.Seed.ScalarAsync<long>("UPDATE content_localfile SET available = TRUE WHERE id = '9f9438fe6b0d42dd8e913d7d04cfb2b2'");
        await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET title = 'renamed locally' WHERE id = '32a941fb77c2576e8f6b294cde4c3b0c'");

        Assert.Equal(0, await ImportAsync());
        Assert.Equal("renamed locally", await app.Seed.ScalarAsync<string>("SELECT title FROM content_contentnode WHERE id = '32a941fb77c2576e8f6b294cde4c3b0c'"));
    }

    [Fact]
    public async Task Force_replaces_the_same_version()
    {
        ChannelDatabaseBuilder.Build("5_content_data.json", _source);
        Assert.Equal(0, await ImportAsync());
        await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET title = 'renamed locally' WHERE id = '32a941fb77c2576e8f6b294cde4c3b0c'");
        Assert.Equal(0, await ImportChannelVerb.RunAsync(Channel, _source, app.Services, force: true));
        Assert.Equal("c1", await app.Seed.ScalarAsync<string>("SELECT title FROM content_contentnode WHERE id = '32a941fb77c2576e8f6b294cde4c3b0c'"));
        Assert.Equal(7, await CountAsync("content_contentnode"));
    }

    [Fact]
    public void The_command_line_maps_with_files_and_force_to_configuration()
    {
        var command = KolibriSlices.Infrastructure.Cli.Parse(["importchannel", "disk", Channel, "/data", "--with-files", "--force"]);
        Assert.Null(command.Error);
        Assert.Equal([Channel, "/data"], command.Arguments);
        Assert.Equal(["--Import:WithFiles=true", "--Import:Force=true"], command.HostArgs);
    }

    [Fact]
    public async Task Re_importing_a_newer_version_replaces_the_channel_keeps_local_files_and_reannotates()
    {
        ChannelDatabaseBuilder.Build("5_content_data.json", _source);
        Assert.Equal(0, await ImportAsync());
        await app.Seed.ScalarAsync<long>("UPDATE content_localfile SET available = TRUE WHERE id = '9f9438fe6b0d42dd8e913d7d04cfb2b2'");
        await app.Seed.ScalarAsync<long>("UPDATE content_contentnode SET available = TRUE WHERE id = '32a941fb77c2576e8f6b294cde4c3b0c'");
        var oldTree = await app.Seed.ScalarAsync<long>("SELECT tree_id FROM content_contentnode WHERE parent_id IS NULL");

        ChannelDatabaseBuilder.Build("5_content_data.json", _source, edit: tables =>
        {
            tables["content_channelmetadata"][0]["version"] = 2;
            var dropped = tables["content_contentnode"].Single(n => (string?)n["title"] == "c2c3");
            tables["content_contentnode"].Remove(dropped);
        });
        Assert.Equal(0, await ImportAsync());

        Assert.Equal(6, await CountAsync("content_contentnode"));
        Assert.Equal(2, await app.Seed.ScalarAsync<long>("SELECT version FROM content_channelmetadata"));
        Assert.NotEqual(oldTree, await app.Seed.ScalarAsync<long>("SELECT tree_id FROM content_contentnode WHERE parent_id IS NULL"));
        Assert.True(await app.Seed.ScalarAsync<bool>("SELECT available FROM content_localfile WHERE id = '9f9438fe6b0d42dd8e913d7d04cfb2b2'"));
        // c1 was available before and its file still is: annotation brings it (and its ancestors) back.
        Assert.True(await app.Seed.ScalarAsync<bool>("SELECT available FROM content_contentnode WHERE id = '32a941fb77c2576e8f6b294cde4c3b0c'"));
        Assert.True(await app.Seed.ScalarAsync<bool>("SELECT available FROM content_contentnode WHERE parent_id IS NULL"));
        Assert.Equal(1, await app.Seed.ScalarAsync<long>("SELECT total_resource_count FROM content_channelmetadata"));
    }

    [Fact]
    public async Task Importing_a_channel_leaves_other_channels_untouched()
    {
        var synthetic = new SyntheticChannel { Nodes = 300, Depth = 5 }.Build(_source);
        Assert.Equal(0, await ImportAsync("5e0000000000000000000000000000c1"));
        var before = await app.Seed.ScalarAsync<string>("SELECT MAX(learning_activities) || COUNT(*) || SUM(lft) FROM content_contentnode WHERE channel_id = '5e0000000000000000000000000000c1'");
        ChannelDatabaseBuilder.Build("3_content_data.json", _source);
        Assert.Equal(0, await ImportAsync());

        Assert.Equal(synthetic.Nodes + 7, await CountAsync("content_contentnode"));
        Assert.Equal(before, await app.Seed.ScalarAsync<string>("SELECT MAX(learning_activities) || COUNT(*) || SUM(lft) FROM content_contentnode WHERE channel_id = '5e0000000000000000000000000000c1'"));
        Assert.Equal(2, await app.Seed.ScalarAsync<long>("SELECT COUNT(DISTINCT tree_id) FROM content_contentnode"));
    }

    [Fact]
    public async Task A_synthetic_channel_imports_whole_with_its_mptt_tree()
    {
        var synthetic = new SyntheticChannel { Nodes = 3_000, Depth = 6 }.Build(_source);
        Assert.Equal(0, await ImportAsync("5e0000000000000000000000000000c1"));
        Assert.Equal(synthetic.Nodes, await CountAsync("content_contentnode"));
        Assert.Equal(synthetic.Resources * 2, await CountAsync("content_file"));
        Assert.Equal(5, await app.Seed.ScalarAsync<long>("SELECT MAX(level) FROM content_contentnode"));
        Assert.Equal(synthetic.Nodes * 2, await app.Seed.ScalarAsync<long>("SELECT rght FROM content_contentnode WHERE parent_id IS NULL"));
    }

    [Theory]
    [InlineData(new int[0], 1)]
    [InlineData(new[] { 1 }, 2)]
    [InlineData(new[] { 2 }, 1)]
    [InlineData(new[] { 1, 2 }, 3)]
    [InlineData(new[] { 1, 3 }, 2)]
    [InlineData(new[] { 1, 2, 4 }, 3)]
    [InlineData(new[] { 1, 3, 5 }, 2)]
    public void Tree_ids_fill_the_first_gap(int[] existing, int expected) =>
        Assert.Equal(expected, ChannelImporter.NextTreeId(existing));
}
