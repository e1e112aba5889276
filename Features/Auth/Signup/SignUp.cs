using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.Signup;

/// <summary>
/// A learner creates their own account: the facility user's validation (400), then the facility must allow sign-up
/// (403 PERMISSION_DENIED, nothing created). 201 with the new user; <c>logIn</c> starts their session.
/// </summary>
public static class SignUp
{
    public sealed record NewUser
    {
        public required string Id { get; init; }
        public required string Username { get; init; }
        public required string FullName { get; init; }
        public required string Facility { get; init; }
        public IReadOnlyList<object> Roles { get; init; } = [];
        public bool IsSuperuser { get; init; }
        public required string IdNumber { get; init; }
        public required string Gender { get; init; }
        public required string BirthYear { get; init; }
        public RawJson? ExtraDemographics { get; init; }
    }

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, Passwords passwords, Sessions sessions, TimeProvider clock, bool logIn)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var input = await UserFields.ReadAsync(body, conn, creating: true);
        if (body.Errors is { } invalid) return invalid;
        var facility = input.Facility!;

        await conn.BeginWriteAsync(http.RequestAborted);
        if (await UserFields.ValidateAsync(conn, input, facility) is { } rejected) return rejected;
        if (!facility.LearnerCanSignUp) return KolibriErrors.Forbidden(http, "PERMISSION_DENIED");
        var stored = UserFields.StoredPassword(input.Password!, passwords);
        var id = await UserFields.InsertAsync(conn, input, facility, stored, KolibriTime.Now(clock));
        if (logIn) await sessions.LoginAsync(http, conn, id, stored);
        await conn.CommitAsync(http.RequestAborted);

        return Results.Json(new NewUser
        {
            Id = id, Username = input.Username!, FullName = input.FullName ?? "", Facility = facility.Id, IdNumber = input.IdNumber ?? "",
            Gender = input.Gender ?? "", BirthYear = input.BirthYear ?? "",
            ExtraDemographics = input.ExtraDemographics is { } json ? new RawJson(json) : null,
        }, statusCode: 201);
    }
}
