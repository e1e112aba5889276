using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityUsers;

/// <summary>
/// POST /api/auth/facilityuser/: field errors first (400 even for callers who may not create), then the facility's
/// admin or a superuser (403), then uniqueness, NOT_SPECIFIED and demographics (400). 201 with the user.
/// </summary>
public static class CreateFacilityUser
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, Passwords passwords, TimeProvider clock)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var input = await UserFields.ReadAsync(body, conn, creating: true);
        if (body.Errors is { } invalid) return invalid;
        var facility = input.Facility!;
        if (CurrentUser.Of(http) is not { } me || !me.IsAdminOf(facility.Id)) return KolibriErrors.Forbidden(http);

        await conn.BeginWriteAsync(http.RequestAborted);
        if (await UserFields.ValidateAsync(conn, input, facility) is { } rejected) return rejected;
        var id = await UserFields.InsertAsync(conn, input, facility, UserFields.StoredPassword(input.Password!, passwords), KolibriTime.Now(clock));
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await UserObject.QueryOneAsync(conn, id), statusCode: 201);
    }
}
