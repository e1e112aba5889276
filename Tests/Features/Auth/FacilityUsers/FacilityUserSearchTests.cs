using System.Net;

namespace KolibriSlices.Tests.Features.Auth.FacilityUsers;

/// <summary>
/// <c>?search=</c> on the user list (a substring of username or full name, every term must match), answered from the
/// suffix index (migration M0105) on SQLite and the trigram indexes on PostgreSQL: the index must follow every write,
/// and the answer must be the same as a scan's. A database of its own: facility F1 with an admin, a coach and learners;
/// facility F2 with learners, the superuser and an admin who also coaches F1.
/// </summary>
public sealed class FacilityUserSearchTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Users = "/api/auth/facilityuser/";
    private const string F1 = "f1000000000000000000000000000001";
    private const string F2 = "f2000000000000000000000000000002";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection") > 0) return;
        await app.Seed.FacilityAsync(F1, "d1000000000000000000000000000001", "First");
        await app.Seed.FacilityAsync(F2, "d2000000000000000000000000000002", "Second");
        await app.Seed.DeviceSettingsAsync(F1);
        await app.Seed.UserAsync("a0000000000000000000000000000001", "principal", F1, fullName: "Paula Principal");
        await app.Seed.RoleAsync("a0000000000000000000000000000001", F1, "admin");
        await app.Seed.UserAsync("a0000000000000000000000000000002", "coach_ann", F1, fullName: "Ann Coach");
        await app.Seed.RoleAsync("a0000000000000000000000000000002", F1, "coach");
        await app.Seed.UserAsync("a0000000000000000000000000000003", "learner_amy", F1, fullName: "Amy Pond");
        await app.Seed.UserAsync("a0000000000000000000000000000004", "learner_rory", F1, fullName: "Rory Williams");
        await app.Seed.UserAsync("a0000000000000000000000000000005", "pct100%", F1, fullName: "Percent \"Quote\" O'Brien");
        await app.Seed.UserAsync("a0000000000000000000000000000006", "learnerXamy", F1, fullName: "Underscore Test");
        await app.Seed.UserAsync("a0000000000000000000000000000007", "amelia", F2, fullName: "Amelia Pond");
        await app.Seed.UserAsync("a0000000000000000000000000000008", "superuser", F2, fullName: "Super User");
        await app.Seed.DevicePermissionsAsync("a0000000000000000000000000000008", superuser: true, canManageContent: true);
        await app.Seed.UserAsync("a0000000000000000000000000000009", "zola", F2, fullName: "Émile Zola");
        await app.Seed.UserAsync("a000000000000000000000000000000a", "twoschools", F2, fullName: "Otto Hutson");
        await app.Seed.RoleAsync("a000000000000000000000000000000a", F2, "admin");
        await app.Seed.RoleAsync("a000000000000000000000000000000a", F1, "coach");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<List<string>> NamesAsync(ApiClient client, string search) =>
        (await client.GetJsonAsync(Users + "?search=" + Uri.EscapeDataString(search))).Select(u => (string)u["username"]!).ToList();

    [Fact]
    public async Task Terms_match_a_substring_of_username_or_full_name_case_insensitively_and_all_must_match()
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        Assert.Equal(["amelia", "learner_amy"], await NamesAsync(superuser, "pond"));
        Assert.Equal(["learnerXamy", "learner_amy"], await NamesAsync(superuser, "AMy"));
        Assert.Equal(["learner_amy"], await NamesAsync(superuser, "learner pond"));
        Assert.Equal(["learner_amy"], await NamesAsync(superuser, "pond,LEARNER"));
        Assert.Equal(["learner_rory"], await NamesAsync(superuser, "ror wil"));
        Assert.Empty(await NamesAsync(superuser, "pond williams"));
    }

    [Fact]
    public async Task Terms_shorter_than_three_characters_still_match()
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        Assert.Equal(["learner_rory"], await NamesAsync(superuser, "ry"));
        Assert.Equal(["learnerXamy", "learner_amy", "learner_rory"], await NamesAsync(superuser, "am y"));
        Assert.Equal(["amelia", "learnerXamy", "learner_amy", "learner_rory", "pct100%", "superuser", "zola"], await NamesAsync(superuser, "e"));
    }

    [Fact]
    public async Task A_letter_outside_ascii_matches_as_written_and_ascii_letters_match_in_any_case()
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        Assert.Equal(["zola"], await NamesAsync(superuser, "Émile"));
        Assert.Equal(["zola"], await NamesAsync(superuser, "ÉMILE zOLA"));
        Assert.Equal(["zola"], await NamesAsync(superuser, "ILE z"));
    }

    [Fact]
    public async Task Like_wildcards_and_quotes_in_a_term_are_plain_characters()
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        Assert.Equal(["pct100%"], await NamesAsync(superuser, "100%"));
        Assert.Equal(["learner_amy", "learner_rory"], await NamesAsync(superuser, "learner_"));
        Assert.Equal(["pct100%"], await NamesAsync(superuser, "\"quote\""));
        Assert.Equal(["pct100%"], await NamesAsync(superuser, "o'brien"));
        Assert.Empty(await NamesAsync(superuser, "\"\"\""));
        Assert.Empty(await NamesAsync(superuser, "NEAR(a b)"));
    }

    [Fact]
    public async Task Terms_at_the_ends_of_unicode_find_nothing_and_a_nul_character_separates_terms()
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        Assert.Empty(await NamesAsync(superuser, "\U0010FFFF"));
        Assert.Empty(await NamesAsync(superuser, "amy\U0010FFFF"));
        Assert.Empty(await NamesAsync(superuser, "\uFFFF"));
        Assert.Equal(["learner_amy"], await NamesAsync(superuser, "pond\0amy"));
        Assert.Equal(["learner_amy"], await NamesAsync(superuser, "\0amy\0\0pond\0"));
        Assert.Empty(await NamesAsync(superuser, "zol\uD7FF"));
    }

    [Fact]
    public async Task A_paged_search_counts_only_the_matches()
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        Snapshot.Match(await superuser.GetJsonAsync(Users + "?page_size=2&search=amy"));
    }

    [Theory]
    [InlineData("search=e")]
    [InlineData("search=e&ordering=-full_name")]
    [InlineData("search=e&ordering=date_joined")]
    [InlineData("search=e&ordering=-id")]
    [InlineData("search=a%20e&ordering=gender")]
    [InlineData("search=e&ordering=-birth_year&user_type=learner")]
    [InlineData("search=e&exclude_user_type=superuser")]
    [InlineData("search=er&member_of=f1000000000000000000000000000001")]
    [InlineData("search=nobody")]
    [InlineData("search=amy,AMY%20m")]
    [InlineData("search=%F4%8F%BF%BF")]
    public async Task Pages_of_a_search_are_its_unpaged_answer_in_order_with_its_count(string query)
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        var all = (await superuser.GetJsonAsync(Users + "?" + query)).Select(u => (string)u["id"]!).ToList();
        var paged = new List<string>();
        for (var page = 1; ; page++)
        {
            var body = await superuser.GetJsonAsync(Users + $"?{query}&page_size=2&page={page}");
            Assert.Equal(all.Count, (int)body["count"]!);
            paged.AddRange(body["results"]!.Select(u => (string)u["id"]!));
            if (body["next"]!.Type == JTokenType.Null) break;
        }
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task A_facility_admin_searches_only_their_facility_while_the_device_has_another()
    {
        using var admin = await app.LoginAsync("principal", F1);
        Assert.Equal(["learner_amy"], await NamesAsync(admin, "pond"));
        var page = await admin.GetJsonAsync(Users + "?page_size=50");
        Assert.Equal(6, (int)page["count"]!);
        Assert.DoesNotContain("amelia", page["results"]!.Select(u => (string)u["username"]!));
    }

    [Fact]
    public async Task Staff_of_every_facility_read_every_user_of_the_device()
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        using var both = await app.LoginAsync("twoschools", F2);
        var device = await superuser.GetJsonAsync(Users + "?page_size=50&ordering=id");
        var staff = await both.GetJsonAsync(Users + "?page_size=50&ordering=id");
        Assert.Equal(10, (int)device["count"]!);
        Assert.Equal(device.ToString(), staff.ToString());
        Assert.Equal(["amelia", "learner_amy"], await NamesAsync(both, "pond"));
    }

    [Fact]
    public async Task A_learner_finds_only_themself_and_anonymous_nobody()
    {
        using var learner = await app.LoginAsync("learner_amy", F1);
        Assert.Equal(["learner_amy"], await NamesAsync(learner, "amy"));
        Assert.Empty(await NamesAsync(learner, "rory"));
        Assert.Empty(await NamesAsync(app.Anonymous(), "amy"));
    }

    [Fact]
    public async Task A_page_past_the_matches_is_kolibris_404()
    {
        using var superuser = await app.LoginAsync("superuser", F2);
        var body = await superuser.GetAsync(Users + "?page_size=2&page=9&search=amy").JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", (string)body[0]!["id"]!);
    }
}

/// <summary>The search index follows creates, renames and deletes, including a facility's cascade; a database of its own.</summary>
public sealed class FacilityUserSearchIndexTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Users = "/api/auth/facilityuser/";
    private const string F1 = "f1000000000000000000000000000001";
    private const string F2 = "f2000000000000000000000000000002";

    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection") > 0) return;
        await app.Seed.FacilityAsync(F1, "d1000000000000000000000000000001", "First");
        await app.Seed.FacilityAsync(F2, "d2000000000000000000000000000002", "Second");
        await app.Seed.DeviceSettingsAsync(F1);
        await app.Seed.UserAsync("a0000000000000000000000000000001", "principal", F1, fullName: "Paula Principal");
        await app.Seed.RoleAsync("a0000000000000000000000000000001", F1, "admin");
        await app.Seed.UserAsync("a0000000000000000000000000000007", "zebedee", F2, fullName: "Zebedee Spring");
        await app.Seed.UserAsync("a0000000000000000000000000000008", "superuser", F1, fullName: "Super User");
        await app.Seed.DevicePermissionsAsync("a0000000000000000000000000000008", superuser: true, canManageContent: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<List<string>> NamesAsync(ApiClient client, string search) =>
        (await client.GetJsonAsync(Users + "?search=" + Uri.EscapeDataString(search))).Select(u => (string)u["username"]!).ToList();

    [Fact]
    public async Task Created_renamed_and_deleted_users_are_found_as_they_now_are()
    {
        using var admin = await app.LoginAsync("principal", F1);
        var created = await admin.PostAsync(Users, new { username = "dalek_one", password = "pw", facility = F1, full_name = "Exterminate Tin" })
            .JsonAsync(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        Assert.Equal(["dalek_one"], await NamesAsync(admin, "extermin"));

        await admin.PatchAsync(Users + id + "/", new { username = "cyber_two", full_name = "Upgrade Steel" }).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(await NamesAsync(admin, "extermin"));
        Assert.Empty(await NamesAsync(admin, "dalek"));
        Assert.Equal(["cyber_two"], await NamesAsync(admin, "upgrade"));
        Assert.Equal(["cyber_two"], await NamesAsync(admin, "cyber"));

        (await admin.DeleteAsync(Users + id + "/")).EnsureSuccessStatusCode();
        Assert.Empty(await NamesAsync(admin, "cyber"));
        Assert.Empty(await NamesAsync(admin, "upgrade"));
    }

    /// <summary>Every suffix of every user's lower-cased username and full name, and nothing else (SQLite's index, M0105).</summary>
    private const string SuffixDrift = """
        WITH expected (suffix, row_id) AS (
            SELECT substr(lower(u.username), n), u.rowid FROM kolibriauth_facilityuser u JOIN kolibrislices_number ON n <= length(u.username)
            UNION SELECT substr(lower(u.full_name), n), u.rowid FROM kolibriauth_facilityuser u JOIN kolibrislices_number ON n <= length(u.full_name))
        SELECT (SELECT COUNT(*) FROM (SELECT suffix, row_id FROM kolibrislices_facilityuser_suffix EXCEPT SELECT suffix, row_id FROM expected))
             + (SELECT COUNT(*) FROM (SELECT suffix, row_id FROM expected EXCEPT SELECT suffix, row_id FROM kolibrislices_facilityuser_suffix))
        """;

    [Fact]
    public async Task The_sqlite_suffix_index_holds_exactly_the_suffixes_of_the_users_names_after_each_write()
    {
        if (KolibriApp.IsPostgres) return; // PostgreSQL searches with its pg_trgm indexes
        using var admin = await app.LoginAsync("principal", F1);
        var created = await admin.PostAsync(Users, new { username = "river_song", password = "pw", facility = F1, full_name = "Melody POND Song" })
            .JsonAsync(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        Assert.True(await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibrislices_facilityuser_suffix") > 0);
        Assert.Equal(0L, await app.Seed.ScalarAsync<long>(SuffixDrift));

        await admin.PatchAsync(Users + id + "/", new { full_name = "Song Song" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0L, await app.Seed.ScalarAsync<long>(SuffixDrift));
        await admin.PatchAsync(Users + id + "/", new { username = "song" }).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0L, await app.Seed.ScalarAsync<long>(SuffixDrift));
        Assert.Equal(["song"], await NamesAsync(admin, "song"));

        (await admin.DeleteAsync(Users + id + "/")).EnsureSuccessStatusCode();
        Assert.Equal(0L, await app.Seed.ScalarAsync<long>(SuffixDrift));
        Assert.Equal(0L, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibrislices_facilityuser_suffix WHERE suffix LIKE 'song%'"));
    }

    [Fact]
    public async Task Vacuum_keeps_the_user_rowids_the_sqlite_suffix_index_points_to()
    {
        // SQLite documents that VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY. It keeps them
        // for a table with an index (the user table has its primary-key index), and the suffix index relies on that.
        if (KolibriApp.IsPostgres) return; // PostgreSQL searches with its pg_trgm indexes, by id
        using var admin = await app.LoginAsync("principal", F1);
        var ids = new List<string>();
        foreach (var name in new[] { "vacuum_gap", "vacuum_kept" })
            ids.Add((string)(await admin.PostAsync(Users, new { username = name, password = "pw", facility = F1, full_name = name + " Person" })
                .JsonAsync(HttpStatusCode.Created))["id"]!);
        (await admin.DeleteAsync(Users + ids[0] + "/")).EnsureSuccessStatusCode(); // a gap in the rowids before the kept user
        const string Rowids = "SELECT group_concat(id || ':' || rowid, ',') FROM (SELECT id, rowid FROM kolibriauth_facilityuser ORDER BY id)";
        var before = await app.Seed.ScalarAsync<string>(Rowids);

        await app.Seed.ScalarAsync<long>("VACUUM");

        Assert.Equal(before, await app.Seed.ScalarAsync<string>(Rowids));
        Assert.Equal(0L, await app.Seed.ScalarAsync<long>(SuffixDrift));
        Assert.Equal(["vacuum_kept"], await NamesAsync(admin, "kept pers"));
    }

    [Fact]
    public async Task Users_of_a_deleted_facility_leave_the_index_and_the_remaining_facility_admin_then_reads_everyone()
    {
        using var superuser = await app.LoginAsync("superuser", F1);
        Assert.Equal(["zebedee"], await NamesAsync(superuser, "spring"));
        using var admin = await app.LoginAsync("principal", F1);
        Assert.Empty(await NamesAsync(admin, "spring"));

        (await superuser.DeleteAsync("/api/auth/facility/" + F2 + "/")).EnsureSuccessStatusCode();
        Assert.Equal(0L, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser WHERE facility_id = @id", new { id = F2 }));
        Assert.Empty(await NamesAsync(superuser, "spring"));
        Assert.Equal(["superuser"], await NamesAsync(admin, "super"));
        var page = await admin.GetJsonAsync(Users + "?page_size=10");
        Assert.Equal(await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_facilityuser"), (long)page["count"]!);
    }
}
