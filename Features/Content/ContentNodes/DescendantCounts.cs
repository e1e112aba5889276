using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.ContentNodes;

/// <summary>GET /api/content/contentnode/descendant_counts/: on-device resource counts of matching available nodes.</summary>
public static class DescendantCounts
{
    public sealed record Count
    {
        public required string Id { get; init; }
        public int? OnDeviceResources { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        // Kolibri answers nothing rather than every node on the device when no filter narrows the request.
        if (http.Request.Query.Count == 0) return Results.Json(Array.Empty<Count>());
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var filters = await NodeFilters.ParseAsync(http.Request, conn);
        if (filters.Error is { } error) return error;
        filters.Add("n.available = TRUE");
        return Results.Json((await conn.QueryAsync<Count>(
            $"SELECT n.id, n.on_device_resources FROM content_contentnode n WHERE {filters.Where} ORDER BY {filters.OrderBy}", filters.Args)).ToList());
    }
}
