using System.Data.Common;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Memberships;

/// <summary>
/// POST /api/auth/membership/ <c>{"user", "collection"}</c> or an array of them, all or nothing: field errors (400), then
/// permission for every element (403), then duplicates (400 UNIQUE), then Kolibri's model rules (400 bare messages).
/// Ids are derived from user + collection, as morango does.
/// </summary>
public static class CreateMemberships
{
    public const string UniqueMessage = "The fields user, collection must make a unique set.";
    public const string FacilityMessage = "Cannot create membership objects for facilities, as should already be a member by facility attribute";
    public const string ClassroomFirstMessage = "Cannot create membership for a user in a LearnerGroup or AdHoGroup when they are not a member of the parent Classrooom";

    public sealed record UserRow
    {
        public required string Id { get; init; }
        public required string FacilityId { get; init; }
    }

    private sealed record Pair
    {
        public required string UserId { get; init; }
        public required string CollectionId { get; init; }
    }

    private const string UsersSql = "SELECT id, facility_id FROM kolibriauth_facilityuser WHERE id IN @ids";

    private const string ExistingSql = """
        SELECT user_id, collection_id FROM kolibriauth_membership WHERE user_id IN @users
        """;

    private const string InsertSql = """
        INSERT INTO kolibriauth_membership (id, user_id, collection_id, dataset_id) VALUES (@id, @userId, @collectionId, @datasetId)
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (batch, error) = await BatchBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var requested = batch.Elements.Select(e => (User: e.Pk("user", required: true), Collection: e.Pk("collection", required: true))).ToList();

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var users = (await conn.QueryAsync<UserRow>(UsersSql, new { ids = requested.Select(r => r.User?.Id).OfType<string>().Distinct().ToArray() }))
            .ToDictionary(u => u.Id);
        var places = await Writable.PlacesAsync(conn, requested.Select(r => r.Collection?.Id).OfType<string>());
        for (var i = 0; i < requested.Count; i++)
        {
            var (user, collection) = requested[i];
            if (user is not null && (user.Id is null || !users.ContainsKey(user.Id))) batch.Elements[i].DoesNotExist("user", user);
            if (collection is not null && (collection.Id is null || !places.ContainsKey(collection.Id))) batch.Elements[i].DoesNotExist("collection", collection);
        }
        if (batch.FieldErrors is { } invalid) return invalid;

        var pairs = requested.Select(r => new Pair { UserId = r.User!.Id!, CollectionId = r.Collection!.Id! }).ToList();
        var existing = (await conn.QueryAsync<Pair>(ExistingSql, new { users = pairs.Select(p => p.UserId).Distinct().ToArray() })).ToHashSet();

        var caller = CurrentUser.Of(http);
        var planned = new HashSet<Pair>(existing);
        foreach (var pair in pairs)
        {
            var place = places[pair.CollectionId];
            var inClassroom = place.ClassroomId is { } classroom && planned.Contains(pair with { CollectionId = classroom });
            if (!Writable.CanWriteMembership(caller, users[pair.UserId].FacilityId, place, inClassroom)) return KolibriErrors.Forbidden(http);
            planned.Add(pair);
        }

        var seen = new HashSet<Pair>(existing);
        var duplicates = pairs.Select(p => seen.Add(p) ? null : UniqueMessage).ToList();
        if (duplicates.Any(d => d is not null)) return batch.ObjectErrors(duplicates, "UNIQUE");

        var created = new List<MembershipRows.Membership>();
        var members = new HashSet<Pair>(existing);
        foreach (var pair in pairs)
        {
            var place = places[pair.CollectionId];
            if (place.Kind == Writable.Facility) return KolibriErrors.Messages(FacilityMessage);
            if (place.Kind is Writable.LearnerGroup or Writable.AdHocGroup
                && !(place.ClassroomId is { } classroom && members.Contains(pair with { CollectionId = classroom })))
                return KolibriErrors.Messages(ClassroomFirstMessage);
            var id = Ids.Deterministic(pair.UserId, pair.CollectionId, "membership");
            try
            {
                await conn.ExecuteAsync(InsertSql, new { id, userId = pair.UserId, collectionId = pair.CollectionId, datasetId = place.DatasetId });
            }
            catch (DbException e) when (e.SqlState == "23505")
            {
                // A concurrent request created it first (PostgreSQL; SQLite serialises writers).
                return batch.ObjectErrors(pairs.Select(p => p == pair ? UniqueMessage : null).ToList(), "UNIQUE");
            }
            members.Add(pair);
            created.Add(new MembershipRows.Membership { Id = id, Collection = pair.CollectionId, User = pair.UserId });
        }
        await conn.CommitAsync(http.RequestAborted);
        return batch.Created(created);
    }
}
