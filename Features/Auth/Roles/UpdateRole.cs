using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Roles;

/// <summary>PUT/PATCH /api/auth/role/&lt;id&gt;/: superusers only, under the same rules as creation.</summary>
public static class UpdateRole
{
    private const string TakenSql = """
        SELECT COUNT(*) FROM kolibriauth_role WHERE user_id = @userId AND collection_id = @collectionId AND kind = @kind AND id <> @id
        """;
    private const string UserFacilitySql = "SELECT facility_id FROM kolibriauth_facilityuser WHERE id = @id";
    private const string UpdateSql = """
        UPDATE kolibriauth_role SET user_id = @userId, collection_id = @collectionId, kind = @kind, dataset_id = @datasetId, _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } roleId) return KolibriErrors.NotFound(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: HttpMethods.IsPatch(http.Request.Method));
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<RoleRows.Stored>(RoleRows.StoredSql + " WHERE r.id = @id", new { id = roleId });
        if (row is null) return KolibriErrors.NotFound(http);
        var caller = CurrentUser.Of(http);
        if (!Writable.CanUpdateMembershipOrRole(caller)) return KolibriErrors.Forbidden(http);

        if (error is not null) return error;
        var user = body.Pk("user", required: true);
        var collection = body.Pk("collection", required: true);
        var kind = body.Choice("kind", RoleRows.Kinds, required: true) ?? row.Kind;
        var userFacility = user?.Id is { } uid ? await conn.ExecuteScalarAsync<string?>(UserFacilitySql, new { id = uid }) : null;
        var place = collection?.Id is { } cid ? await Writable.PlaceAsync(conn, cid) : null;
        if (user is not null && userFacility is null) body.DoesNotExist("user", user);
        if (collection is not null && place is null) body.DoesNotExist("collection", collection);
        if (body.Errors is { } invalid) return invalid;

        var userId = user?.Id ?? row.UserId;
        userFacility ??= row.UserFacilityId;
        var oldPlace = (await Writable.PlaceAsync(conn, row.CollectionId))!;
        place ??= oldPlace;
        if (!Writable.CanCreateRole(caller, userFacility, place)) return KolibriErrors.Forbidden(http);
        if (await conn.ExecuteScalarAsync<long>(TakenSql, new { userId, collectionId = place.Id, kind, id = row.Id }) > 0)
            return KolibriErrors.Invalid("UNIQUE", "non_field_errors", CreateRoles.UniqueMessage);
        if (RoleRows.KindError(kind, place) is { } message) return KolibriErrors.Invalid("INVALID", "kind", message);

        await conn.ExecuteAsync(UpdateSql, new { id = row.Id, userId, collectionId = place.Id, kind, datasetId = place.DatasetId });
        if (userId != row.UserId || place.Id != row.CollectionId || kind != row.Kind) await RoleRows.AfterDeleteAsync(conn, row, oldPlace);
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(new RoleRows.Role { Id = row.Id, Kind = kind, Collection = place.Id, User = userId });
    }
}
