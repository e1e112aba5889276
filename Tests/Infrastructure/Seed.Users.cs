using KolibriSlices.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace KolibriSlices.Tests.Infrastructure;

public sealed partial class Seed
{
    /// <summary>A name no other test uses (usernames allow letters, digits and underscores).</summary>
    public static string UniqueName(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A fresh facility of its own (with a dataset), for tests that change settings; returns (facility, dataset).</summary>
    public async Task<(string Facility, string Dataset)> OwnFacilityAsync(string name, bool passwordless = false, string preset = "nonformal")
    {
        var facility = Guid.NewGuid().ToString("N");
        var dataset = Guid.NewGuid().ToString("N");
        await FacilityAsync(facility, dataset, name, preset, passwordless);
        return (facility, dataset);
    }

    public Task DatasetExtraFieldsAsync(string datasetId, string extraFieldsJson) =>
        ExecAsync("UPDATE kolibriauth_facilitydataset SET extra_fields = @extraFieldsJson WHERE id = @datasetId", new { datasetId, extraFieldsJson });

    public Task OsUserAsync(string userId, string osUsername) =>
        ExecAsync("INSERT INTO device_osuser (user_id, os_username) VALUES (@userId, @osUsername)", new { userId, osUsername });

    public async Task<bool> PasswordVerifiesAsync(string userId, string password) =>
        app.Services.GetRequiredService<Passwords>().Verify(password,
            await ScalarAsync<string>("SELECT password FROM kolibriauth_facilityuser WHERE id = @userId", new { userId }));
}
