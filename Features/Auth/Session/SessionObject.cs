using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Session;

/// <summary>Kolibri's <c>session_data</c>: who the cookie identifies, in one of two shapes.</summary>
public static class SessionObject
{
    public sealed record LoggedIn
    {
        public string Id { get; init; } = "current";
        public required string Username { get; init; }
        public required string FullName { get; init; }
        public required string UserId { get; init; }
        public required IReadOnlyList<string> Kind { get; init; }
        public required bool CanManageContent { get; init; }
        public required string FacilityId { get; init; }
        public bool FullFacilityImport { get; init; } = true;
        public required string ServerTime { get; init; }
        public bool AppContext { get; init; }
    }

    public sealed record Anonymous
    {
        public string Id { get; init; } = "current";
        public string Username { get; init; } = "";
        public string FullName { get; init; } = "";
        public string? UserId { get; init; }
        public required string? FacilityId { get; init; }
        public IReadOnlyList<string> Kind { get; init; } = ["anonymous"];
        public bool FullFacilityImport { get; init; } = true;
        public required string ServerTime { get; init; }
        public bool AppContext { get; init; }
    }

    private const string DefaultFacilitySql = "SELECT default_facility_id FROM device_devicesettings WHERE id = 1";

    public static async Task<object> ForAsync(CurrentUser? user, Db db, TimeProvider clock, CancellationToken ct)
    {
        if (user is not null)
            return new LoggedIn
            {
                Username = user.Username, FullName = user.FullName, UserId = user.Id, Kind = user.Kinds,
                CanManageContent = user.CanManageContent, FacilityId = user.FacilityId, ServerTime = KolibriTime.Now(clock),
            };
        await using var conn = await db.OpenAsync(ct);
        return new Anonymous
        {
            FacilityId = await conn.ExecuteScalarAsync<string?>(DefaultFacilitySql),
            ServerTime = KolibriTime.Now(clock),
        };
    }
}
