using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Infrastructure;

/// <summary>
/// Where content lives on this device: <c>&lt;home&gt;/content</c> unless a superuser chose another primary storage
/// location (kept in kolibrislices_instance, shared by every app server), plus free-space lookups.
/// </summary>
public static class ContentStorage
{
    public const string PrimaryKey = "primary_storage_location";
    public const string SecondaryKey = "secondary_storage_locations";

    private const string ReadSql = "SELECT value FROM kolibrislices_instance WHERE key = @key";

    public static string DefaultDirectory(IConfiguration config) => Path.Combine(DatabaseSetup.Home(config), "content");

    public static async Task<string> PrimaryAsync(DbConn conn, IConfiguration config) =>
        await conn.ExecuteScalarAsync<string?>(ReadSql, new { key = PrimaryKey }) is { Length: > 0 } stored ? stored : DefaultDirectory(config);

    public static async Task<string[]> SecondaryAsync(DbConn conn) =>
        await conn.ExecuteScalarAsync<string?>(ReadSql, new { key = SecondaryKey }) is { Length: > 0 } stored
            ? System.Text.Json.JsonSerializer.Deserialize<string[]>(stored) ?? []
            : [];

    /// <summary>Bytes free for <paramref name="path"/> (or its nearest existing parent, as a folder may not exist yet).</summary>
    public static long FreeSpace(string path)
    {
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
        try
        {
            return new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }
}
