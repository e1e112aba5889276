namespace KolibriSlices.Infrastructure;

/// <summary>The Kolibri release whose API this server speaks (reported by device info).</summary>
public static class KolibriVersion
{
    public const string Version = "0.18.0";
}
