using System.Text.Json.Nodes;
using KolibriSlices.Features.Content.ContentNodes;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Content.ContentRequests;

/// <summary>
/// POST /api/content/contentrequest/: asks for a node to be downloaded. Clears the user's removal request for it;
/// an existing download request comes back unchanged instead of a duplicate.
/// </summary>
public static class CreateContentRequest
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock)
    {
        if (CurrentUser.Of(http) is not { } user) return KolibriErrors.Forbidden(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var nodeId = body.Uuid("contentnode_id", required: true);
        var metadata = body.Json("metadata");
        if (metadata is not null and not JsonObject) body.AddError("INVALID", "metadata", "Value must be valid JSON object.");
        var sourceInstanceId = body.Uuid("source_instance_id", allowNull: true);
        if (body.Errors is { } invalid) return invalid;

        var args = new
        {
            id = Ids.New(),
            userId = user.Id,
            facility = user.FacilityId,
            nodeId,
            metadata = metadata is null ? null : new RawJson(metadata.ToJsonString()),
            sourceInstanceId,
            now = KolibriTime.Now(clock),
        };
        var item = await db.WriteAsync(async conn =>
        {
            await conn.ExecuteAsync("""
                DELETE FROM content_contentrequest
                WHERE type = 'REMOVAL' AND source_model = 'facilityuser' AND source_id = @userId AND contentnode_id = @nodeId
                """, args);
            await conn.ExecuteAsync("""
                INSERT INTO content_contentrequest (id, source_model, source_id, requested_at, type, reason, status, contentnode_id, metadata,
                    facility_id, source_instance_id)
                VALUES (@id, 'facilityuser', @userId, @now, 'DOWNLOAD', 'USER_INITIATED', 'PENDING', @nodeId, @metadata, @facility, @sourceInstanceId)
                ON CONFLICT (type, source_model, source_id, contentnode_id) DO NOTHING
                """, args);
            return (await ContentRequestObject.QueryAsync(conn, user.Id, "d.contentnode_id = @nodeId", new { nodeId })).Single();
        }, http.RequestAborted);
        return Results.Json(item, statusCode: StatusCodes.Status201Created);
    }
}
