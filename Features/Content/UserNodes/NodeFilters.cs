using Dapper;
using KolibriSlices.Infrastructure.Database;

namespace KolibriSlices.Features.Content.UserNodes;

/// <summary>
/// The node filters of content.md §3 for the learning-side node endpoints (usercontentnode, contentnodeprogress):
/// the very filter set /api/content/contentnode/ applies, as conditions on <c>content_contentnode n</c>.
/// </summary>
public static class NodeFilters
{
    /// <summary>Node kinds a <c>kind</c> filter may name, plus "content" (every kind but topic).</summary>
    public static readonly string[] Kinds = [.. ContentNodes.NodeFilters.Kinds, "content"];

    /// <param name="walk">The caller pages in tree order (see <see cref="ContentNodes.NodeFilters.ParseAsync"/>).</param>
    public static async Task<(List<string> Where, IResult? Error)> ParseAsync(HttpRequest request, DbConn conn, DynamicParameters args, bool walk = false)
    {
        var filters = await ContentNodes.NodeFilters.ParseAsync(request, conn, walk: walk);
        if (filters.Error is { } error) return ([], error);
        args.AddDynamicParams(filters.Args);
        return ([filters.Where], null);
    }
}
