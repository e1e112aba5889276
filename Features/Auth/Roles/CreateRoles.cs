using System.Data.Common;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Roles;

/// <summary>
/// POST /api/auth/role/ <c>{"user", "collection", "kind"}</c> or an array, all or nothing: field errors (400), permission
/// for every element (403: the facility's admin or a superuser, same facility only), duplicates (400 UNIQUE), kinds the
/// collection does not take (400). A class coach with no role on the facility also gets a facility-level
/// <c>classroom assignable coach</c> role, as Kolibri's model does.
/// </summary>
public static class CreateRoles
{
    public const string UniqueMessage = "The fields user, collection, kind must make a unique set.";

    public sealed record UserRow
    {
        public required string Id { get; init; }
        public required string FacilityId { get; init; }
    }

    private sealed record Key
    {
        public required string UserId { get; init; }
        public required string CollectionId { get; init; }
        public required string Kind { get; init; }
    }

    private const string UsersSql = "SELECT id, facility_id FROM kolibriauth_facilityuser WHERE id IN @ids";
    private const string ExistingSql = "SELECT user_id, collection_id, kind FROM kolibriauth_role WHERE user_id IN @users";
    private const string InsertSql = """
        INSERT INTO kolibriauth_role (id, user_id, collection_id, kind, dataset_id) VALUES (@id, @userId, @collectionId, @kind, @datasetId)
        """;

    public static string RoleId(string userId, string collectionId, string kind) => Ids.Deterministic(userId, collectionId, kind, "role");

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var (batch, error) = await BatchBody.ReadAsync(http.Request);
        if (error is not null) return error;
        var requested = batch.Elements.Select(e => (
            User: e.Pk("user", required: true),
            Collection: e.Pk("collection", required: true),
            Kind: e.Choice("kind", RoleRows.Kinds, required: true))).ToList();

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await conn.BeginWriteAsync(http.RequestAborted);
        var users = (await conn.QueryAsync<UserRow>(UsersSql, new { ids = requested.Select(r => r.User?.Id).OfType<string>().Distinct().ToArray() }))
            .ToDictionary(u => u.Id);
        var places = await Writable.PlacesAsync(conn, requested.Select(r => r.Collection?.Id).OfType<string>());
        for (var i = 0; i < requested.Count; i++)
        {
            var (user, collection, _) = requested[i];
            if (user is not null && (user.Id is null || !users.ContainsKey(user.Id))) batch.Elements[i].DoesNotExist("user", user);
            if (collection is not null && (collection.Id is null || !places.ContainsKey(collection.Id))) batch.Elements[i].DoesNotExist("collection", collection);
        }
        if (batch.FieldErrors is { } invalid) return invalid;

        var keys = requested.Select(r => new Key { UserId = r.User!.Id!, CollectionId = r.Collection!.Id!, Kind = r.Kind! }).ToList();
        var caller = CurrentUser.Of(http);
        if (keys.Any(k => !Writable.CanCreateRole(caller, users[k.UserId].FacilityId, places[k.CollectionId]))) return KolibriErrors.Forbidden(http);

        var existing = (await conn.QueryAsync<Key>(ExistingSql, new { users = keys.Select(k => k.UserId).Distinct().ToArray() })).ToHashSet();
        var seen = new HashSet<Key>(existing);
        var duplicates = keys.Select(k => seen.Add(k) ? null : UniqueMessage).ToList();
        if (duplicates.Any(d => d is not null)) return batch.ObjectErrors(duplicates, "UNIQUE");
        foreach (var key in keys)
            if (RoleRows.KindError(key.Kind, places[key.CollectionId]) is { } message)
                return KolibriErrors.Invalid("INVALID", "kind", message);

        var held = new HashSet<Key>(existing);
        var created = new List<RoleRows.Role>();
        foreach (var key in keys)
        {
            var place = places[key.CollectionId];
            try
            {
                created.Add(await InsertAsync(conn, key, place.DatasetId));
            }
            catch (DbException e) when (e.SqlState == "23505")
            {
                // A concurrent request created it first (PostgreSQL; SQLite serialises writers).
                return batch.ObjectErrors(keys.Select(k => k == key ? UniqueMessage : null).ToList(), "UNIQUE");
            }
            held.Add(key);
            if (place.Kind == Writable.Classroom && !held.Any(h => h.UserId == key.UserId && h.CollectionId == place.FacilityId))
            {
                var assignable = new Key { UserId = key.UserId, CollectionId = place.FacilityId, Kind = CurrentUser.AssignableCoach };
                await InsertAsync(conn, assignable, place.DatasetId, ifMissing: true);
                held.Add(assignable);
            }
        }
        await conn.CommitAsync(http.RequestAborted);
        return batch.Created(created);
    }

    private static async Task<RoleRows.Role> InsertAsync(DbConn conn, Key key, string datasetId, bool ifMissing = false)
    {
        var id = RoleId(key.UserId, key.CollectionId, key.Kind);
        await conn.ExecuteAsync(ifMissing ? InsertSql + " ON CONFLICT (user_id, collection_id, kind) DO NOTHING" : InsertSql, new { id, userId = key.UserId, collectionId = key.CollectionId, kind = key.Kind, datasetId });
        return new RoleRows.Role { Id = id, Kind = key.Kind, Collection = key.CollectionId, User = key.UserId };
    }
}
