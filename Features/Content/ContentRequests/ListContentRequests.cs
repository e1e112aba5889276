using System.Text.Json.Nodes;
using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentRequests;

/// <summary>GET /api/content/contentrequest/: the requester's download requests; filters contentnode_id, contentnode_id__in.</summary>
public static class ListContentRequests
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        if (CurrentUser.Of(http) is not { } user) return KolibriErrors.Forbidden(http);
        var (paging, error) = Paging.Parse(http);
        if (error is not null) return error;
        var where = new List<string> { "1 = 1" };
        var node = ListContentNodes.Last(http.Request, "contentnode_id");
        var nodes = NodeFilters.Csv(ListContentNodes.Last(http.Request, "contentnode_id__in")).Select(n => Ids.Normalize(n) ?? n).ToArray();
        if (!string.IsNullOrEmpty(node)) where.Add("d.contentnode_id = @node");
        if (nodes.Length > 0) where.Add("d.contentnode_id IN @nodes");
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var list = await ContentRequestObject.QueryAsync(conn, user.Id, string.Join(" AND ", where), new { node = Ids.Normalize(node) ?? node, nodes });
        return Paging.Respond(http, paging, list);
    }
}
