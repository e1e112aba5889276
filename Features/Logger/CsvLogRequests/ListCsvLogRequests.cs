using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.CsvLogRequests;

/// <summary>GET /api/logger/generatecsvlogrequest/: the requests of facilities the caller administers; filters log_type, facility.</summary>
public static class ListCsvLogRequests
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        var query = new QueryParams(http.Request);
        var logType = query.Choice("log_type", CsvLogRequestObject.LogTypes);
        var facility = query.ModelChoice("facility");
        if (query.Errors is { } error) return error;
        var args = new DynamicParameters(new { logType, facility });
        var where = CsvLogRequestObject.Visible(CurrentUser.Of(http), args);
        if (logType is not null) where += " AND log_type = @logType";
        if (facility is not null) where += " AND facility_id = @facility";
        await using var conn = await db.OpenAsync(http.RequestAborted);
        return Results.Json((await conn.QueryAsync<CsvLogRequestObject.Item>($"SELECT {CsvLogRequestObject.Columns} FROM logger_generatecsvlogrequest WHERE {where} ORDER BY id", args)).ToList());
    }
}
