using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>
/// PUT/PATCH /api/auth/facilityuser/&lt;id&gt;/: the user themself, their facility's admin, or a superuser (coaches edit
/// only themselves). 404, then 403, then 400 as DRF orders them. PUT needs username and password. A user stays in their
/// facility. Changing one's own password keeps one's session; a password changed by someone else ends the user's.
/// </summary>
public static class UpdateFacilityUser
{
    public sealed record Target
    {
        public required string Id { get; init; }
        public required string Username { get; init; }
        public required string Password { get; init; }
        public required string FacilityId { get; init; }
        public required string FullName { get; init; }
        public required string IdNumber { get; init; }
        public required string Gender { get; init; }
        public required string BirthYear { get; init; }
        public string? ExtraDemographics { get; init; }
    }

    private const string TargetSql = """
        SELECT id, username, password, facility_id, full_name, id_number, gender, birth_year, extra_demographics
        FROM kolibriauth_facilityuser WHERE id = @id
        """;

    private const string UpdateSql = """
        UPDATE kolibriauth_facilityuser
        SET username = @Username, password = @Password, full_name = @FullName, id_number = @IdNumber, gender = @Gender,
            birth_year = @BirthYear, extra_demographics = @ExtraDemographics, _morango_dirty_bit = TRUE
        WHERE id = @Id
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, Passwords passwords, string id)
    {
        if (Ids.Normalize(id) is not { } userId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await conn.QuerySingleOrDefaultAsync<Target>(TargetSql, new { id = userId }) is not { } target) return KolibriErrors.NotFound(http);
        if (CurrentUser.Of(http) is not { } me || (me.Id != target.Id && !me.IsAdminOf(target.FacilityId))) return KolibriErrors.Forbidden(http);

        var (body, error) = await JsonBody.ReadAsync(http.Request, partial: HttpMethods.IsPatch(http.Request.Method));
        if (error is not null) return error;
        var input = await UserFields.ReadAsync(body, conn, creating: false);
        if (input.Facility is { } moved && moved.Id != target.FacilityId)
            body.AddError("INVALID", "facility", "A user cannot be moved to another facility.");
        if (body.Errors is { } invalid) return invalid;

        await conn.BeginWriteAsync(http.RequestAborted);
        var facility = (await UserFields.FacilityAsync(conn, target.FacilityId))!;
        if (await UserFields.ValidateAsync(conn, input, facility, exceptId: target.Id) is { } rejected) return rejected;
        var updated = target with
        {
            Username = input.Username ?? target.Username,
            Password = input.Password is { } password ? UserFields.StoredPassword(password, passwords) : target.Password,
            FullName = input.FullName ?? target.FullName,
            IdNumber = input.IdNumber ?? target.IdNumber,
            Gender = input.Gender ?? target.Gender,
            BirthYear = input.BirthYear ?? target.BirthYear,
            ExtraDemographics = input.HasExtraDemographics ? input.ExtraDemographics : target.ExtraDemographics,
        };
        await conn.ExecuteAsync(UpdateSql, updated);
        if (me.Id == target.Id && updated.Password != target.Password)
            await Sessions.RebindAsync(conn, me.SessionKey, updated.Password);
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await UserObject.QueryOneAsync(conn, target.Id));
    }
}
