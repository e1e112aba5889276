namespace KolibriSlices.Infrastructure;

/// <summary>The interface languages Kolibri 0.18 ships (its <c>KOLIBRI_SUPPORTED_LANGUAGES</c>); device language must be one.</summary>
public static class Languages
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "ar", "bg-bg", "bn-bd", "de", "el", "en", "es-es", "es-419", "fa", "fr-fr", "ff-cm", "gu-in", "ha", "hi-in", "ht",
        "id", "it", "km", "ko", "mr", "my", "nyn", "pt-br", "pt-mz", "sw-tz", "te", "uk", "ur-pk", "vi", "yo", "zh-hans",
    };

    public const string NotSupportedMessage = "Language is not supported by Kolibri";
}
