using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Facilities;

/// <summary>PUT/PATCH /api/auth/facility/&lt;id&gt;/ <c>{"name"}</c>: the facility's admin, or a superuser.</summary>
public static class UpdateFacility
{
    private const string Sql = "UPDATE kolibriauth_collection SET name = @name, _morango_dirty_bit = TRUE WHERE id = @id AND kind = 'facility'";
    private const string ExistsSql = "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @id AND kind = 'facility'";

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } facilityId) return KolibriErrors.NotFound(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: HttpMethods.IsPatch(http.Request.Method));
        if (error is not null) return error;
        var name = body.String("name", required: true, maxLength: 100);
        if (body.Errors is { } invalid) return invalid;

        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await conn.ExecuteScalarAsync<long>(ExistsSql, new { id = facilityId }) == 0) return KolibriErrors.NotFound(http);
        if (CurrentUser.Of(http) is not { } user || !user.IsAdminOf(facilityId)) return KolibriErrors.Forbidden(http);

        if (name is not null)
        {
            await conn.BeginWriteAsync(http.RequestAborted);
            await conn.ExecuteAsync(Sql, new { id = facilityId, name });
            await conn.CommitAsync(http.RequestAborted);
        }
        return Results.Json((await FacilityObject.QueryAsync(conn, facilityId))[0]);
    }
}
