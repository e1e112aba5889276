using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace KolibriSlices.Infrastructure.Http;

/// <summary>
/// Kolibri's OptionalPageNumberPagination: off unless <c>page_size</c> is a positive integer. The envelope carries
/// Kolibri 0.18's <c>page/count/total_pages/results</c> and the published overview's <c>next/previous</c>.
/// </summary>
public sealed record Paging(int Size, int Number)
{
    /// <summary>Largest page served; a larger <c>page_size</c> is clamped to it (DRF's max_page_size).</summary>
    public const int MaxPageSize = 1000;

    public int Offset => (Number - 1) * Size;

    /// <summary>Null when pagination is off; an invalid <c>page</c> is a 404 as in Kolibri.</summary>
    public static (Paging? Paging, IResult? Error) Parse(HttpContext http)
    {
        var query = http.Request.Query;
        var rawSize = query["page_size"].Count > 0 ? query["page_size"][^1] : null;
        if (!int.TryParse(rawSize, System.Globalization.NumberStyles.None, null, out var size) || size <= 0)
            return (null, null);
        var rawPage = query["page"].Count > 0 ? query["page"][^1] : null;
        var number = 1;
        if (!string.IsNullOrEmpty(rawPage) && (!int.TryParse(rawPage, System.Globalization.NumberStyles.None, null, out number) || number < 1))
            return (null, KolibriErrors.NotFound(http));
        return (new Paging(Math.Min(size, MaxPageSize), number), null);
    }

    public int TotalPages(long count) => Math.Max(1, (int)((count + Size - 1) / Size));

    /// <summary>The envelope, or 404 when the page is past the end (page 1 of nothing is fine).</summary>
    public IResult Envelope<T>(HttpContext http, long count, IReadOnlyList<T> results)
    {
        var totalPages = TotalPages(count);
        if (Number > totalPages) return KolibriErrors.NotFound(http);
        return Results.Json(new PageEnvelope<T>(Number, count, totalPages,
            Number < totalPages ? PageUrl(http, Number + 1) : null,
            Number > 1 ? PageUrl(http, Number - 1) : null,
            results));
    }

    /// <summary>For short lists read whole (facilities, classrooms): the bare array, or the requested page of it.</summary>
    public static IResult Respond<T>(HttpContext http, Paging? paging, IReadOnlyList<T> all) =>
        paging is null ? Results.Json(all) : paging.Envelope(http, all.Count, all.Skip(paging.Offset).Take(paging.Size).ToList());

    private static string PageUrl(HttpContext http, int page)
    {
        var request = http.Request;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = new QueryBuilder(query.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, builder.ToQueryString());
    }

    public sealed record PageEnvelope<T>(int Page, long Count, int TotalPages, string? Next, string? Previous, IReadOnlyList<T> Results);
}
