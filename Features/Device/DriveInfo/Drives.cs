using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Device.DriveInfo;

/// <summary>
/// The drives a content manager can pick: real, mounted, non-empty file systems (no /proc, /sys, /dev or /run pseudo
/// mounts), each with a stable id from its path and its <c>KOLIBRI_DATA</c> folder if it has one. <c>channels</c> lists the
/// channel databases found there by id.
/// </summary>
public static class Drives
{
    public sealed record Drive
    {
        public required string Id { get; init; }
        public required string Path { get; init; }
        public required string Name { get; init; }
        public required bool Writable { get; init; }
        public string? Datafolder { get; init; }
        public required long Freespace { get; init; }
        public required long Totalspace { get; init; }
        public required string Drivetype { get; init; }
        public string? Guid { get; init; }
        public required Metadata Metadata { get; init; }
    }

    public sealed record Metadata
    {
        public required IReadOnlyList<Channel> Channels { get; init; }
    }

    public sealed record Channel
    {
        public required string Id { get; init; }
    }

    private static readonly string[] PseudoRoots = ["/proc", "/sys", "/dev", "/run", "/snap", "/boot/efi"];
    private static readonly string[] PseudoFormats = ["proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs", "pstore", "debugfs", "tracefs", "mqueue", "squashfs", "nsfs", "autofs", "fusectl", "configfs", "bpf", "binfmt_misc", "hugetlbfs"];

    public static IReadOnlyList<Drive> All()
    {
        var drives = new List<Drive>();
        foreach (var info in System.IO.DriveInfo.GetDrives())
        {
            try
            {
                if (!info.IsReady || info.TotalSize <= 0) continue;
                if (info.DriveType is not (DriveType.Fixed or DriveType.Removable or DriveType.Network or DriveType.CDRom)) continue;
                var root = info.RootDirectory.FullName;
                if (PseudoRoots.Any(p => root == p || root.StartsWith(p + "/", StringComparison.Ordinal))) continue;
                if (PseudoFormats.Contains(info.DriveFormat)) continue;
                drives.Add(Describe(info, root));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return drives.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
    }

    private static Drive Describe(System.IO.DriveInfo info, string root)
    {
        var data = System.IO.Path.Combine(root, "KOLIBRI_DATA");
        var hasData = Directory.Exists(data);
        var databases = System.IO.Path.Combine(data, "content", "databases");
        var channels = hasData && Directory.Exists(databases)
            ? Directory.EnumerateFiles(databases, "*.sqlite3")
                .Select(f => Ids.Normalize(System.IO.Path.GetFileNameWithoutExtension(f)))
                .OfType<string>().Order(StringComparer.Ordinal).Select(id => new Channel { Id = id }).ToList()
            : [];
        return new Drive
        {
            Id = Ids.Deterministic(root, "drive"),
            Path = root,
            Name = string.IsNullOrEmpty(info.VolumeLabel) || info.VolumeLabel == root ? root : info.VolumeLabel,
            Writable = IsWritable(root),
            Datafolder = hasData ? data : null,
            Freespace = info.AvailableFreeSpace,
            Totalspace = info.TotalSize,
            Drivetype = info.DriveType switch
            {
                DriveType.Removable => "usbdevice",
                DriveType.Network => "networkdrive",
                DriveType.CDRom => "opticaldrive",
                DriveType.Fixed => "internaldrive",
                _ => "unknown",
            },
            Guid = null,
            Metadata = new Metadata { Channels = channels },
        };
    }

    private static bool IsWritable(string root)
    {
        var probe = System.IO.Path.Combine(root, ".kolibri-write-test-" + System.Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
