using Carter;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.PathPermission;

/// <summary>
/// GET /api/device/pathpermission/?path= (prefix): whether this server may write to a path and whether it is a folder,
/// for choosing storage locations. No path means the server user's home folder; <c>~</c> expands to it.
/// </summary>
public sealed class PathPermissionModule : ICarterModule
{
    public sealed record PathBody
    {
        public required bool Writable { get; init; }
        public required bool Directory { get; init; }
        public required string Path { get; init; }
    }

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPrefix("/api/device/pathpermission", (group, route) => group.MapMethods(route, ["GET"], Handle)).WithTags("Device").WithMetadata(new KolibriView("Path Permission"));

    public static IResult Handle(HttpContext http)
    {
        if (!DeviceAccess.IsContentManager(http)) return KolibriErrors.Forbidden(http);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var raw = new QueryParams(http.Request).Get("path") ?? home;
        if (raw == "~" || raw.StartsWith("~/")) raw = home + raw[1..];
        string path;
        try
        {
            path = System.IO.Path.GetFullPath(raw);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return KolibriErrors.Invalid("INVALID", "path", "Invalid path");
        }
        var directory = System.IO.Directory.Exists(path);
        return Results.Json(new PathBody { Writable = CanWrite(path, directory), Directory = directory, Path = path });
    }

    /// <summary>Tries it: a throwaway file in a folder, or opening a file for writing without changing it.</summary>
    private static bool CanWrite(string path, bool directory)
    {
        try
        {
            if (directory)
            {
                var probe = System.IO.Path.Combine(path, ".kolibri-write-test-" + Guid.NewGuid().ToString("N"));
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
                return true;
            }
            if (!File.Exists(path)) return false;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
