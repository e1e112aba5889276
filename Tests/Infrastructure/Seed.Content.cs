using System.Text.Json;
using KolibriSlices.Tests.Infrastructure.Content;

namespace KolibriSlices.Tests.Infrastructure;

/// <summary>Content: Kolibri's API fixture (content_test.json) loaded straight into the main database, and a reset.</summary>
public sealed partial class Seed
{
    public const string ContentChannel = "6199dde695db4ee4ab392222d5af1e5c";

    private static readonly string[] ContentTables =
    [
        "content_channelmetadata_included_languages", "content_contentnode_tags", "content_contentnode_related",
        "content_contentnode_has_prerequisite", "content_assessmentmetadata", "content_file", "content_localfile", "content_contentnode",
        "content_channelmetadata", "content_contenttag", "content_language",
    ];

    /// <summary>Empties every content table (content requests excepted).</summary>
    public async Task ResetContentAsync()
    {
        foreach (var table in ContentTables) await ExecAsync($"DELETE FROM {table}", new { });
    }

    /// <summary>
    /// content_test.json as Kolibri's API tests load it: 1 channel "testing", 10 nodes (c3 unavailable, two coach-content
    /// topics), 10 files, 10 local files (one unavailable), 3 tags, 3 languages, 1 assessment metadata, a prerequisite
    /// and a related link; ancestors and coach counts derived as annotation would.
    /// </summary>
    public async Task ContentTestAsync()
    {
        var fixture = JArray.Parse(await File.ReadAllTextAsync(ChannelDatabaseBuilder.FixturePath("content_test.json")));
        var byModel = fixture.Children<JObject>().GroupBy(o => (string)o["model"]!).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var tag in byModel["content.contenttag"])
            await ExecAsync("INSERT INTO content_contenttag (id, tag_name) VALUES (@id, @name)", new { id = (string)tag["pk"]!, name = (string)tag["fields"]!["tag_name"]! });
        foreach (var lang in byModel["content.language"])
        {
            var f = lang["fields"]!;
            await ExecAsync("INSERT INTO content_language (id, lang_code, lang_subcode, lang_name, lang_direction) VALUES (@id, @code, @sub, @name, @dir)",
                new { id = (string)lang["pk"]!, code = (string)f["lang_code"]!, sub = (string?)f["lang_subcode"], name = (string?)f["lang_name"], dir = (string?)f["lang_direction"] ?? "ltr" });
        }
        foreach (var local in byModel["content.localfile"])
        {
            var f = local["fields"]!;
            await ExecAsync("INSERT INTO content_localfile (id, extension, available, file_size) VALUES (@id, @ext, @available, @size)",
                new { id = (string)local["pk"]!, ext = (string)f["extension"]!, available = (bool)f["available"]!, size = (long?)f["file_size"] });
        }

        var nodes = byModel["content.contentnode"].ToDictionary(n => (string)n["pk"]!, n => (JObject)n["fields"]!);
        List<object> Ancestors(string id)
        {
            var path = new List<object>();
            for (var parent = (string?)nodes[id]["parent"]; parent is not null; parent = (string?)nodes[parent]["parent"])
                path.Insert(0, new { id = parent, title = (string)nodes[parent]["title"]! });
            return path;
        }
        int CoachCount(string id)
        {
            var node = nodes[id];
            if ((string)node["kind"]! != "topic") return (bool?)node["coach_content"] == true ? 1 : 0;
            return nodes.Where(n => (string?)n.Value["parent"] == id && (bool)n.Value["available"]!).Sum(n => CoachCount(n.Key));
        }
        int OnDevice(string id)
        {
            var node = nodes[id];
            if ((string)node["kind"]! != "topic") return (bool)node["available"]! ? 1 : 0;
            return nodes.Where(n => (string?)n.Value["parent"] == id && (bool)n.Value["available"]!).Sum(n => OnDevice(n.Key));
        }
        foreach (var (id, f) in nodes)
        {
            await ExecAsync("""
                INSERT INTO content_contentnode (id, parent_id, license_name, license_description, title, coach_content, content_id, channel_id,
                    description, sort_order, license_owner, author, kind, available, options, lft, rght, tree_id, level, lang_id,
                    num_coach_contents, on_device_resources, ancestors, admin_imported)
                VALUES (@id, @parent, @licenseName, NULL, @title, @coach, @contentId, @channelId, @description, NULL, @owner, @author, @kind,
                    @available, '{}', @lft, @rght, @treeId, @level, NULL, @coachCount, @onDevice, @ancestors, NULL)
                """, new
            {
                id, parent = (string?)f["parent"], licenseName = (string?)f["license_name"], title = (string)f["title"]!,
                coach = (bool?)f["coach_content"] ?? false, contentId = (string)f["content_id"]!, channelId = (string)f["channel_id"]!,
                description = (string?)f["description"], owner = (string)f["license_owner"]!, author = (string)f["author"]!,
                kind = (string)f["kind"]!, available = (bool)f["available"]!, lft = (int)f["lft"]!, rght = (int)f["rght"]!,
                treeId = (int)f["tree_id"]!, level = (int)f["level"]!, coachCount = CoachCount(id), onDevice = OnDevice(id),
                ancestors = JsonSerializer.Serialize(Ancestors(id)),
            });
            foreach (var tag in f["tags"]?.Values<string>() ?? [])
                await ExecAsync("INSERT INTO content_contentnode_tags (contentnode_id, contenttag_id) VALUES (@id, @tag)", new { id, tag });
            foreach (var prerequisite in f["has_prerequisite"]?.Values<string>() ?? [])
                await ExecAsync("INSERT INTO content_contentnode_has_prerequisite (from_contentnode_id, to_contentnode_id) VALUES (@id, @prerequisite)", new { id, prerequisite });
            foreach (var related in f["related"]?.Values<string>() ?? [])
                await ExecAsync("""
                    INSERT INTO content_contentnode_related (from_contentnode_id, to_contentnode_id) VALUES (@id, @related);
                    INSERT INTO content_contentnode_related (from_contentnode_id, to_contentnode_id) VALUES (@related, @id);
                    """, new { id, related });
        }
        foreach (var file in byModel["content.file"])
        {
            var f = file["fields"]!;
            await ExecAsync("""
                INSERT INTO content_file (id, local_file_id, contentnode_id, preset, lang_id, supplementary, thumbnail, priority)
                VALUES (@id, @local, @node, @preset, @lang, @supplementary, @thumbnail, @priority)
                """, new
            {
                id = (string)file["pk"]!, local = (string)f["local_file"]!, node = (string)f["contentnode"]!, preset = (string)f["preset"]!,
                lang = f["lang"]?.Type is null or JTokenType.Null ? null : f["lang"]!.ToString(), supplementary = (bool)f["supplementary"]!,
                thumbnail = (bool)f["thumbnail"]!, priority = (int?)f["priority"],
            });
        }
        foreach (var meta in byModel["content.assessmentmetadata"])
        {
            var f = meta["fields"]!;
            await ExecAsync("""
                INSERT INTO content_assessmentmetadata (id, contentnode_id, assessment_item_ids, number_of_assessments, mastery_model, randomize, is_manipulable)
                VALUES (@id, @node, @items, @count, @mastery, FALSE, FALSE)
                """, new { id = (string)meta["pk"]!, node = (string)f["contentnode"]!, items = (string)f["assessment_item_ids"]!, count = (int)f["number_of_assessments"]!, mastery = (string)f["mastery_model"]! });
        }
        foreach (var channel in byModel["content.channelmetadata"])
        {
            var f = channel["fields"]!;
            await ExecAsync("""
                INSERT INTO content_channelmetadata (id, name, description, author, version, thumbnail, last_updated, min_schema_version, root_id,
                    published_size, total_resource_count, "order", public, tagline, partial)
                VALUES (@id, @name, @description, @author, @version, @thumbnail, NULL, @schema, @root, @size, @count, 1, NULL, NULL, FALSE)
                """, new
            {
                id = (string)channel["pk"]!, name = (string)f["name"]!, description = (string)f["description"]!, author = (string)f["author"]!,
                version = (int)f["version"]!, thumbnail = (string)f["thumbnail"]!, schema = (string)f["min_schema_version"]!, root = (string)f["root"]!,
                size = (long)f["published_size"]!, count = (int)f["total_resource_count"]!,
            });
        }
    }
}
