using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.CsvLogRequests;

/// <summary>PUT/PATCH /api/logger/generatecsvlogrequest/&lt;id&gt;/: changes what is sent (200).</summary>
public static class UpdateCsvLogRequest
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, TimeProvider clock, string id, bool partial)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var requestId)) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var existing = await conn.QuerySingleOrDefaultAsync<CsvLogRequestObject.Item>($"SELECT {CsvLogRequestObject.Columns} FROM logger_generatecsvlogrequest WHERE id = @requestId", new { requestId });
        if (existing is null) return KolibriErrors.NotFound(http);
        var user = CurrentUser.Of(http);
        if (user is null || !user.IsAdminOf(existing.Facility)) return KolibriErrors.Forbidden(http);
        var (fields, error) = await CsvLogRequestObject.ReadAsync(http, conn, partial);
        if (error is not null) return error;
        if (fields!.Facility is not null && !user.IsAdminOf(fields.Facility)) return KolibriErrors.Forbidden(http);
        var item = new CsvLogRequestObject.Item
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
}
