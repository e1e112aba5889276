using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Tests.Infrastructure.Database;

/// <summary>
/// The connection layer every slice stands on, on both engines: lists bound as one parameter, SQLite's kept-open
/// connections with their compiled statements (reused, nested, rolled back), and the writer queue.
/// </summary>
public sealed class DbTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM kolibriauth_collection") > 0) return;
        await app.Seed.StandardAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> IdsAsync(string where, object args)
    {
        await using var conn = await app.Db.OpenAsync();
        return (await conn.QueryAsync<string>($"SELECT id FROM kolibriauth_collection WHERE {where} ORDER BY id", args)).ToList();
    }

    [Fact]
    public async Task Lists_of_any_length_bind_as_one_parameter_with_in_and_not_in()
    {
        var all = await IdsAsync("1 = 1", new { });
        Assert.Empty(await IdsAsync("id IN @ids", new { ids = Array.Empty<string>() }));
        Assert.Equal(all, await IdsAsync("id NOT IN @ids", new { ids = Array.Empty<string>() }));
        Assert.Equal([Known.Facility], await IdsAsync("id IN @ids", new { ids = new[] { Known.Facility, "no such id" } }));
        var many = Enumerable.Range(0, 40_000).Select(i => i.ToString("x32")).Append(Known.ClassroomA).ToArray();
        Assert.Equal([Known.ClassroomA], await IdsAsync("id IN @ids AND kind IN @kinds", new { ids = many, kinds = new[] { "classroom" } }));
        Assert.Equal(all.Where(id => id != Known.ClassroomA), await IdsAsync("id NOT IN @ids", new { ids = many }));
        Assert.Equal(2L, await app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM (SELECT 1 AS n UNION ALL SELECT 2) t WHERE n IN @ns", new { ns = new long[] { 1, 2, 3 } }));
    }

    [Fact]
    public async Task The_same_sql_runs_again_on_one_connection_and_on_sqlite_also_nested_inside_itself()
    {
        const string sql = "SELECT id FROM kolibriauth_collection WHERE kind = @kind ORDER BY id";
        await using var conn = await app.Db.OpenAsync();
        var classrooms = await IdsAsync("kind = 'classroom'", new { });
        Assert.Equal(classrooms, (await conn.QueryAsync<string>(sql, new { kind = "classroom" })).ToList());
        Assert.Equal(2, (await conn.QueryAsync<string>(sql, new { kind = "learnergroup" })).Count());
        Assert.Equal(classrooms, (await conn.QueryAsync<string>(sql, new { kind = "classroom" })).ToList());
        if (!app.Db.IsSqlite) return; // PostgreSQL runs one command at a time per connection

        var outer = new List<string>();
        var inner = new List<int>();
        await foreach (var id in conn.QueryUnbufferedAsync<string>(sql, new { kind = "classroom" }))
        {
            outer.Add(id);
            inner.Add((await conn.QueryAsync<string>(sql, new { kind = "learnergroup" })).Count());
        }
        Assert.Equal(classrooms, outer);
        Assert.All(inner, n => Assert.Equal(2, n));
    }

    [Fact]
    public async Task A_write_left_uncommitted_rolls_back_and_the_connection_serves_the_next_caller()
    {
        await using (var conn = await app.Db.OpenAsync())
        {
            await conn.BeginWriteAsync();
            await conn.ExecuteAsync("UPDATE kolibriauth_collection SET name = 'Renamed' WHERE id = @id", new { id = Known.ClassroomA });
        }
        Assert.Equal("Class A", await app.Seed.ScalarAsync<string>("SELECT name FROM kolibriauth_collection WHERE id = @id", new { id = Known.ClassroomA }));
        var renamed = await app.Db.WriteAsync(conn =>
            conn.ExecuteAsync("UPDATE kolibriauth_collection SET name = 'Class A' WHERE id = @id", new { id = Known.ClassroomA }));
        Assert.Equal(1, renamed);
    }

    [Fact]
    public async Task Concurrent_writers_queue_and_all_land()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => app.Db.WriteAsync(conn => conn.ExecuteAsync(
            "UPDATE kolibriauth_collection SET name = @name WHERE id = @id", new { id = Known.GroupA2, name = "Group " + i }))));
        Assert.StartsWith("Group ", await app.Seed.ScalarAsync<string>("SELECT name FROM kolibriauth_collection WHERE id = @id", new { id = Known.GroupA2 }));
        await app.Db.WriteAsync(conn => conn.ExecuteAsync("UPDATE kolibriauth_collection SET name = 'Group A2' WHERE id = @id", new { id = Known.GroupA2 }));
    }
}
