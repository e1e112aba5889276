namespace KolibriSlices.Tests.Features.Device.DevicePermissions;

public sealed class DevicePermissionsTests(KolibriApp app) : IClassFixture<KolibriApp>, IAsyncLifetime
{
    private const string Url = "/api/device/devicepermissions/";

    public Task InitializeAsync() => app.StandardAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<string> NewUserAsync() => app.Seed.UserAsync(null, "dp_" + Guid.NewGuid().ToString("N")[..10], Known.Facility);

    private Task<long> CountAsync(string where, object? args = null) =>
        app.Seed.ScalarAsync<long>("SELECT COUNT(*) FROM device_devicepermissions WHERE " + where, args)!;

    [Fact]
    public async Task Superuser_reads_rows_and_others_see_none()
    {
        using var superuser = await app.LoginAsync("superuser");
        var body = await superuser.GetJsonAsync(Url + Known.Superuser + "/");
        Snapshot.Match(body);
        Assert.Contains(Known.Superuser, (await superuser.GetJsonAsync(Url)).Values("user"));
    }

    [Fact]
    public async Task Superuser_grants_changes_and_revokes_content_management()
    {
        var user = await NewUserAsync();
        using var superuser = await app.LoginAsync("superuser");
        var created = await superuser.PostAsync(Url, new { user, can_manage_content = true }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal($$"""{"user":"{{user}}","is_superuser":false,"can_manage_content":true}""", created.ToString(Newtonsoft.Json.Formatting.None));
        using (var manager = await app.LoginAsync(await app.Seed.ScalarAsync<string>("SELECT username FROM kolibriauth_facilityuser WHERE id = @user", new { user }) ?? "", Known.Facility))
            Assert.True((bool)(await manager.GetJsonAsync("/api/auth/session/current/"))["can_manage_content"]!);
        var duplicate = await superuser.PostAsync(Url, new { user }).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("UNIQUE", (string?)duplicate[0]!["id"]);
        var updated = await superuser.PatchAsync(Url + user + "/", new { is_superuser = true }).JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)updated["is_superuser"]!);
        Assert.Equal(1, await CountAsync("user_id = @user AND is_superuser = TRUE AND can_manage_content = TRUE", new { user }));
        await superuser.DeleteAsync(Url + user + "/").JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, await CountAsync("user_id = @user", new { user }));
    }

    [Fact]
    public async Task A_superuser_cannot_change_or_delete_their_own_row()
    {
        using var superuser = await app.LoginAsync("superuser");
        await superuser.DeleteAsync(Url + Known.Superuser + "/").JsonAsync(HttpStatusCode.Forbidden);
        var body = await superuser.PatchAsync(Url + Known.Superuser + "/", new { is_superuser = false }).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("PERMISSION_DENIED", (string?)body[0]!["id"]);
        Assert.Equal(1, await CountAsync("user_id = @u AND is_superuser = TRUE", new { u = Known.Superuser }));
    }

    public static TheoryData<string, object, string, string> BadCreates => new()
    {
        { "missing user", new { is_superuser = true }, "REQUIRED", "user" },
        { "unknown user", new { user = "ffffffffffffffffffffffffffffffff" }, "DOES_NOT_EXIST", "user" },
        { "list user", new { user = new[] { 1 } }, "INCORRECT_TYPE", "user" },
        { "bad flag", new { user = "USER", is_superuser = "boss" }, "INVALID", "is_superuser" },
        { "bad content flag", new { user = "USER", can_manage_content = 7 }, "INVALID", "can_manage_content" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Bad_create_input_is_400_and_creates_nothing(string _, object input, string id, string field)
    {
        var user = await NewUserAsync();
        var before = await CountAsync("1 = 1");
        using var superuser = await app.LoginAsync("superuser");
        using var response = await superuser.SendRawAsync(HttpMethod.Post, Url, System.Text.Json.JsonSerializer.Serialize(input).Replace("\"USER\"", $"\"{user}\""));
        var body = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(id, (string?)body[0]!["id"]);
        Assert.Equal(field, (string?)body[0]!["metadata"]!["field"]);
        Assert.Equal(before, await CountAsync("1 = 1"));
    }

    [Fact]
    public async Task Bad_update_input_is_400_and_changes_nothing()
    {
        var user = await NewUserAsync();
        await app.Seed.DevicePermissionsAsync(user, superuser: false, canManageContent: true);
        using var superuser = await app.LoginAsync("superuser");
        await superuser.PatchAsync(Url + user + "/", new { can_manage_content = "lots" }).JsonAsync(HttpStatusCode.BadRequest);
        await superuser.PatchAsync(Url + user + "/", new { user = Known.Learner }).JsonAsync(HttpStatusCode.BadRequest);
        await superuser.PatchAsync(Url + Known.Learner + "/", new { is_superuser = true }).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await CountAsync("user_id = @user AND is_superuser = FALSE AND can_manage_content = TRUE", new { user }));
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("learner")]
    [InlineData("ccoach")]
    [InlineData("fcoach")]
    [InlineData("admin")]
    [InlineData("otheradmin")]
    public async Task Nobody_but_superusers_reads_or_writes_device_permissions(string actor)
    {
        var user = await NewUserAsync();
        await app.Seed.DevicePermissionsAsync(user, superuser: false, canManageContent: false);
        var target = await NewUserAsync();
        using var client = await app.ActorAsync(actor);
        Assert.Empty(await client.GetJsonAsync(Url));
        await client.GetJsonAsync(Url + Known.Superuser + "/", HttpStatusCode.NotFound);
        await client.PostAsync(Url, new { user = target, is_superuser = true }).JsonAsync(HttpStatusCode.Forbidden);
        await client.PatchAsync(Url + user + "/", new { is_superuser = true }).JsonAsync(HttpStatusCode.Forbidden);
        await client.DeleteAsync(Url + user + "/").JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await CountAsync("user_id = @user AND is_superuser = FALSE", new { user }));
        Assert.Equal(0, await CountAsync("user_id = @target", new { target }));
    }
}
