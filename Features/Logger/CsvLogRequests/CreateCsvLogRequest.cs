using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.CsvLogRequests;

/// <summary>POST /api/logger/generatecsvlogrequest/: a request for a facility the caller administers (201).</summary>
public static class CreateCsvLogRequest
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var (fields, error) = await CsvLogRequestObject.ReadAsync(http, conn, partial: false);
        if (error is not null) return error;
        var user = CurrentUser.Of(http);
        if (user is null || !user.IsAdminOf(fields!.Facility!)) return KolibriErrors.Forbidden(http);
        var item = new CsvLogRequestObject.Item
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
}
