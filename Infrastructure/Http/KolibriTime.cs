using System.Globalization;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>Datetimes as Kolibri sends them: ISO-8601 with microseconds, UTC with a trailing Z.</summary>
public static class KolibriTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string Now(TimeProvider clock) => Format(clock.GetUtcNow());
}
