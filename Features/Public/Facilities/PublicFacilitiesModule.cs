using System.Text.Json;
using System.Text.Json.Nodes;
using Carter;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Public.Facilities;

/// <summary>
/// GET /api/public/v1/facility/ and /&lt;id&gt;/: for anyone (other devices, login screens), each facility with what a
/// client needs to offer sign-in and sign-up.
/// </summary>
public sealed class PublicFacilitiesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/v1/facility").WithTags("Public").WithMetadata(new KolibriView("Public Facility"));
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}/", GetAsync);
    }

    public sealed record Row
    {
        public required string Id { get; init; }
        public required string Dataset { get; init; }
        public required string Name { get; init; }
        public required bool LearnerCanLoginWithNoPassword { get; init; }
        public required bool LearnerCanSignUp { get; init; }
        public string? ExtraFields { get; init; }
    }

    public sealed record Facility
    {
        public required string Id { get; init; }
        public required string Dataset { get; init; }
        public required string Name { get; init; }
        public required bool LearnerCanLoginWithNoPassword { get; init; }
        public required bool LearnerCanSignUp { get; init; }
        public required bool OnMyOwnSetup { get; init; }
    }

    private const string Sql = """
        SELECT f.id, f.dataset_id AS dataset, f.name, d.learner_can_login_with_no_password, d.learner_can_sign_up, d.extra_fields
        FROM kolibriauth_collection f JOIN kolibriauth_facilitydataset d ON d.id = f.dataset_id
        WHERE f.kind = 'facility' AND (@id IS NULL OR f.id = @id)
        ORDER BY f.name, f.id
        """;

    private static async Task<List<Facility>> QueryAsync(Db db, string? id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<Row>(Sql, new { id })).Select(r => new Facility
        {
            Id = r.Id, Dataset = r.Dataset, Name = r.Name, LearnerCanLoginWithNoPassword = r.LearnerCanLoginWithNoPassword,
            LearnerCanSignUp = r.LearnerCanSignUp, OnMyOwnSetup = OnMyOwnSetup(r.ExtraFields),
        }).ToList();
    }

    private static bool OnMyOwnSetup(string? extraFields) =>
        extraFields is not null && JsonNode.Parse(extraFields) is JsonObject fields && fields["on_my_own_setup"] is JsonValue value
        && value.GetValueKind() == JsonValueKind.True;

    public static async Task<IResult> ListAsync(HttpContext http, Db db)
    {
        var (paging, error) = Paging.Parse(http);
        if (error is not null) return error;
        return Paging.Respond(http, paging, await QueryAsync(db, null, http.RequestAborted));
    }

    public static async Task<IResult> GetAsync(HttpContext http, Db db, string id) =>
        Ids.Normalize(id) is { } facilityId && await QueryAsync(db, facilityId, http.RequestAborted) is [var facility]
            ? Results.Json(facility)
            : KolibriErrors.NotFound(http);
}
