using System.Text.Json.Nodes;
using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentRequests;

/// <summary>GET /api/content/contentrequest/&lt;id&gt;/: one of the requester's download requests.</summary>
public static class GetContentRequest
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (CurrentUser.Of(http) is not { } user) return KolibriErrors.Forbidden(http);
        if (Ids.Normalize(id) is not { } requestId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return await ContentRequestObject.QueryAsync(conn, user.Id, "d.id = @requestId", new { requestId }) is [var item]
            ? Results.Json(item)
            : KolibriErrors.NotFound(http);
    }
}
