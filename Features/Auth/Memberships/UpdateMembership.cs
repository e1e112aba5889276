using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Memberships;

/// <summary>
/// PUT/PATCH /api/auth/membership/&lt;id&gt;/: superusers only, under the same rules as creation. Moving a user out of a
/// classroom takes them out of its groups too.
/// </summary>
public static class UpdateMembership
{
    private const string TakenSql = "SELECT COUNT(*) FROM kolibriauth_membership WHERE user_id = @userId AND collection_id = @collectionId AND id <> @id";
    private const string UserFacilitySql = "SELECT facility_id FROM kolibriauth_facilityuser WHERE id = @id";
    private const string UpdateSql = """
        UPDATE kolibriauth_membership SET user_id = @userId, collection_id = @collectionId, dataset_id = @datasetId, _morango_dirty_bit = TRUE
        WHERE id = @id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } membershipId) return KolibriErrors.NotFound(http);
        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: HttpMethods.IsPatch(http.Request.Method));
        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var row = await conn.QuerySingleOrDefaultAsync<MembershipRows.Stored>(MembershipRows.StoredSql + " WHERE m.id = @id", new { id = membershipId });
        if (row is null) return KolibriErrors.NotFound(http);
        var caller = CurrentUser.Of(http);
        if (!Writable.CanUpdateMembershipOrRole(caller)) return KolibriErrors.Forbidden(http);

        if (error is not null) return error;
        var user = body.Pk("user", required: true);
        var collection = body.Pk("collection", required: true);
        var userFacility = user?.Id is { } uid ? await conn.ExecuteScalarAsync<string?>(UserFacilitySql, new { id = uid }) : null;
        var place = collection?.Id is { } cid ? await Writable.PlaceAsync(conn, cid) : null;
        if (user is not null && userFacility is null) body.DoesNotExist("user", user);
        if (collection is not null && place is null) body.DoesNotExist("collection", collection);
        if (body.Errors is { } invalid) return invalid;

        var userId = user?.Id ?? row.UserId;
        userFacility ??= row.UserFacilityId;
        place ??= (await Writable.PlaceAsync(conn, row.CollectionId))!;
        if (!Writable.CanWriteMembership(caller, userFacility, place, inClassroom: true)) return KolibriErrors.Forbidden(http);
        if (await conn.ExecuteScalarAsync<long>(TakenSql, new { userId, collectionId = place.Id, id = row.Id }) > 0)
            return KolibriErrors.Invalid("UNIQUE", "non_field_errors", CreateMemberships.UniqueMessage);
        if (place.Kind == Writable.Facility) return KolibriErrors.Messages(CreateMemberships.FacilityMessage);
        if (place.Kind is Writable.LearnerGroup or Writable.AdHocGroup
            && await conn.ExecuteScalarAsync<long>(TakenSql, new { userId, collectionId = place.ClassroomId, id = row.Id }) == 0)
            return KolibriErrors.Messages(CreateMemberships.ClassroomFirstMessage);

        await conn.ExecuteAsync(UpdateSql, new { id = row.Id, userId, collectionId = place.Id, datasetId = place.DatasetId });
        if ((userId != row.UserId || place.Id != row.CollectionId) && await Writable.PlaceAsync(conn, row.CollectionId) is { Kind: Writable.Classroom })
            await MembershipRows.LeaveGroupsAsync(conn, row.UserId, row.CollectionId);
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(new MembershipRows.Membership { Id = row.Id, Collection = place.Id, User = userId });
    }
}
