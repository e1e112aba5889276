using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using KolibriSlices.Infrastructure;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;

namespace KolibriSlices.Features.Device.DeviceInfo;

/// <summary>
/// GET /api/device/deviceinfo/: superusers get everything; other content managers only the version and free space.
/// <c>urls</c> are the addresses the server listens on (wildcards expanded to this machine's addresses), loopback ones
/// dropped unless nothing else is left. <c>python_version</c> names the runtime that actually serves (.NET).
/// </summary>
public static class GetDeviceInfo
{
    public sealed record Full
    {
        public required string Version { get; init; }
        public required IReadOnlyList<string> Urls { get; init; }
        public required string DatabasePath { get; init; }
        public required string DeviceId { get; init; }
        public required string Os { get; init; }
        public required long ContentStorageFreeSpace { get; init; }
        public required string ServerTime { get; init; }
        public required string ServerTimezone { get; init; }
        public required string Installer { get; init; }
        public required string PythonVersion { get; init; }
    }

    public sealed record Brief
    {
        public required string Version { get; init; }
        public required long ContentStorageFreeSpace { get; init; }
    }

    private const string InstanceIdSql = "SELECT value FROM kolibrislices_instance WHERE key = 'instance_id'";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, IConfiguration config, TimeProvider clock, IServer server)
    {
        if (!DeviceAccess.IsContentManager(http)) return KolibriErrors.Forbidden(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var freeSpace = ContentStorage.FreeSpace(await ContentStorage.PrimaryAsync(conn, config));
        if (!DeviceAccess.IsSuperuser(http))
            return Results.Json(new Brief { Version = KolibriVersion.Version, ContentStorageFreeSpace = freeSpace });

        return Results.Json(new Full
        {
            Version = KolibriVersion.Version,
            Urls = Urls(http, server),
            DatabasePath = db.IsSqlite ? Path.GetFullPath(new SqliteConnectionStringBuilder(db.ConnectionString).DataSource) : "postgresql",
            DeviceId = await conn.QuerySingleAsync<string>(InstanceIdSql),
            Os = RuntimeInformation.OSDescription,
            ContentStorageFreeSpace = freeSpace,
            ServerTime = clock.GetLocalNow().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
            ServerTimezone = TimeZoneInfo.Local.Id,
            Installer = "KolibriSlices",
            PythonVersion = RuntimeInformation.FrameworkDescription,
        });
    }

    private static List<string> Urls(HttpContext http, IServer server)
    {
        var urls = new List<string>();
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri)) continue;
            if (uri.Host is "0.0.0.0" or "[::]" or "::")
                urls.AddRange(MachineAddresses().Select(ip => $"{uri.Scheme}://{Host(ip)}:{uri.Port}/"));
            else
                urls.Add($"{uri.Scheme}://{uri.Authority}/");
        }
        if (urls.Count == 0) urls.Add($"{http.Request.Scheme}://{http.Request.Host}/");
        var outside = urls.Where(u => !IsLoopback(new Uri(u).Host)).ToList();
        return (outside.Count > 0 ? outside : urls).Distinct().ToList();
    }

    private static IEnumerable<IPAddress> MachineAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork);

    private static string Host(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();

    private static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
