using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.CsvLogRequests;

/// <summary>
/// The whole CRUD of CSV export requests, visible to admins of the request's facility (and superusers). Responses carry
/// no id, as in Kolibri; detail routes take the integer id.
/// </summary>
public static class CsvLogRequest
{
    private static readonly string[] LogTypes = ["session", "summary"];

    public sealed record Item
    {
        public required string Facility { get; init; }
        public required string LogType { get; init; }
        public string? SelectedStartDate { get; init; }
        public string? SelectedEndDate { get; init; }
        public required string DateRequested { get; init; }
    }

    private const string Columns = "facility_id AS facility, log_type, selected_start_date, selected_end_date, date_requested";

    private static string Visible(CurrentUser? user, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("admin_facilities", user.Roles.Where(r => r.Kind == CurrentUser.Admin && r.CollectionKind == "facility").Select(r => r.CollectionId).ToArray());
        return "facility_id IN @admin_facilities";
    }

    public static async Task<IResult> ListAsync(HttpContext http, Db db)
    {
        var query = new QueryParams(http.Request);
        var logType = query.Choice("log_type", LogTypes);
        var facility = query.ModelChoice("facility");
        if (query.Errors is { } error) return error;
        var args = new DynamicParameters(new { logType, facility });
        var where = Visible(CurrentUser.Of(http), args);
        if (logType is not null) where += " AND log_type = @logType";
        if (facility is not null) where += " AND facility_id = @facility";
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Results.Json((await conn.QueryAsync<Item>($"SELECT {Columns} FROM logger_generatecsvlogrequest WHERE {where} ORDER BY id", args)).ToList());
    }

    public static async Task<IResult> GetAsync(HttpContext http, Db db, string id)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var requestId)) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = requestId });
        var where = Visible(CurrentUser.Of(http), args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var item = await conn.QuerySingleOrDefaultAsync<Item>($"SELECT {Columns} FROM logger_generatecsvlogrequest WHERE id = @id AND {where}", args);
        return item is null ? KolibriErrors.NotFound(http) : Results.Json(item);
    }

    private sealed record Fields(string? Facility, string? LogType, string? Start, string? End, string? Requested, bool HasStart, bool HasEnd);

    private static async Task<(Fields? Fields, IResult? Error)> ReadAsync(HttpContext http, DbConn conn, bool partial)
    {
        var (body, parseError) = await JsonBody.ReadAsync(http.Request, partial);
        if (parseError is not null) return (null, parseError);
        var facility = body.Uuid("facility", required: true);
        var logType = body.Choice("log_type", LogTypes, required: true);
        var start = Timestamp(body, "selected_start_date");
        var end = Timestamp(body, "selected_end_date");
        var requested = Timestamp(body, "date_requested");
        if (facility is not null && await conn.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM kolibriauth_collection WHERE id = @facility AND kind = 'facility'", new { facility }) == 0)
            body.AddError("DOES_NOT_EXIST", "facility", $"Invalid pk \"{facility}\" - object does not exist.");
        if (body.Errors is { } errors) return (null, errors);
        return (new Fields(facility, logType, start, end, requested, body.Has("selected_start_date"), body.Has("selected_end_date")), null);
    }

    private static string? Timestamp(JsonBody body, string field)
    {
        var text = body.String(field, allowNull: true);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return KolibriTime.Format(time);
        body.AddError("INVALID", field, "Datetime has wrong format.");
        return null;
    }

    public static async Task<IResult> CreateAsync(HttpContext http, Db db, TimeProvider clock)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (fields, error) = await ReadAsync(http, conn, partial: false);
        if (error is not null) return error;
        var user = CurrentUser.Of(http);
        if (user is null || !user.IsAdminOf(fields!.Facility!)) return KolibriErrors.Forbidden(http);
        var item = new Item
        {
            Facility = fields.Facility!, LogType = fields.LogType!, SelectedStartDate = fields.Start, SelectedEndDate = fields.End,
            DateRequested = fields.Requested ?? KolibriTime.Now(clock),
        };
        await conn.ExecuteAsync("""
            INSERT INTO logger_generatecsvlogrequest (facility_id, log_type, selected_start_date, selected_end_date, date_requested)
            VALUES (@Facility, @LogType, @SelectedStartDate, @SelectedEndDate, @DateRequested)
            """, item);
        return Results.Json(item, statusCode: 201);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, Db db, TimeProvider clock, string id, bool partial)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var requestId)) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var existing = await conn.QuerySingleOrDefaultAsync<Item>($"SELECT {Columns} FROM logger_generatecsvlogrequest WHERE id = @requestId", new { requestId });
        if (existing is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        if (user is null || !user.IsAdminOf(existing.Facility)) return KolibriErrors.Forbidden(http);
        var (fields, error) = await ReadAsync(http, conn, partial);
        if (error is not null) return error;
        if (fields!.Facility is not null && !user.IsAdminOf(fields.Facility)) return KolibriErrors.Forbidden(http);
        var item = new Item
        {
            Facility = fields.Facility ?? existing.Facility, LogType = fields.LogType ?? existing.LogType,
            SelectedStartDate = fields.HasStart ? fields.Start : existing.SelectedStartDate,
            SelectedEndDate = fields.HasEnd ? fields.End : existing.SelectedEndDate,
            DateRequested = fields.Requested ?? existing.DateRequested,
        };
        await conn.ExecuteAsync("""
            UPDATE logger_generatecsvlogrequest
            SET facility_id = @Facility, log_type = @LogType, selected_start_date = @SelectedStartDate,
                selected_end_date = @SelectedEndDate, date_requested = @DateRequested
            WHERE id = @requestId
            """, new { item.Facility, item.LogType, item.SelectedStartDate, item.SelectedEndDate, item.DateRequested, requestId });
        return Results.Json(item);
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, Db db, string id)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var requestId)) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var facility = await conn.ExecuteScalarAsync<string?>("SELECT facility_id FROM logger_generatecsvlogrequest WHERE id = @requestId", new { requestId });
        if (facility is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        if (user is null || !user.IsAdminOf(facility)) return KolibriErrors.Forbidden(http);
        await conn.ExecuteAsync("DELETE FROM logger_generatecsvlogrequest WHERE id = @requestId", new { requestId });
        return Results.NoContent();
    }
}
