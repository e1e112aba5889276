using System.Text.Json.Nodes;
using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentRequests;

/// <summary>
/// DELETE /api/content/contentrequest/&lt;id&gt;/: asks for the requested node to be removed (a removal request, or a failed
/// one set back to pending). Always 204, also when repeated.
/// </summary>
public static class DeleteContentRequest
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock, string id)
    {
        if (CurrentUser.Of(http) is not { } user) return KolibriErrors.Forbidden(http);
        if (Ids.Normalize(id) is not { } requestId) return Results.NoContent();
        await db.WriteAsync(async conn =>
        {
            var nodeId = await conn.ExecuteScalarAsync<string>("""
                SELECT contentnode_id FROM content_contentrequest
                WHERE id = @requestId AND type = 'DOWNLOAD' AND source_model = 'facilityuser' AND source_id = @userId
                """, new { requestId, userId = user.Id });
            if (nodeId is null) return 0;
            var args = new { id = Ids.New(), userId = user.Id, facility = user.FacilityId, nodeId, now = KolibriTime.Now(clock) };
            await conn.ExecuteAsync("""
                UPDATE content_contentrequest SET status = 'PENDING', requested_at = @now
                WHERE type = 'REMOVAL' AND source_model = 'facilityuser' AND source_id = @userId AND contentnode_id = @nodeId AND status = 'FAILED'
                """, args);
            return await conn.ExecuteAsync("""
                INSERT INTO content_contentrequest (id, source_model, source_id, requested_at, type, reason, status, contentnode_id, metadata, facility_id)
                VALUES (@id, 'facilityuser', @userId, @now, 'REMOVAL', 'USER_INITIATED', 'PENDING', @nodeId, NULL, @facility)
                ON CONFLICT (type, source_model, source_id, contentnode_id) DO NOTHING
                """, args);
        }, http.RequestAborted);
        return Results.NoContent();
    }

    public static IResult WithoutId(HttpContext http) =>
        CurrentUser.Of(http) is null ? KolibriErrors.Forbidden(http) : KolibriErrors.Detail(400, "Request ID is required");
}
