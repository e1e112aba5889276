using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.CsvLogRequests;

/// <summary>GET /api/logger/generatecsvlogrequest/&lt;id&gt;/: one visible request, else 404.</summary>
public static class GetCsvLogRequest
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var requestId)) return KolibriErrors.NotFound(http);
        var args = new DynamicParameters(new { id = requestId });
        var where = CsvLogRequestObject.Visible(CurrentUser.Of(http), args);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var item = await conn.QuerySingleOrDefaultAsync<CsvLogRequestObject.Item>($"SELECT {CsvLogRequestObject.Columns} FROM logger_generatecsvlogrequest WHERE id = @id AND {where}", args);
        return item is null ? KolibriErrors.NotFound(http) : Results.Json(item);
    }
}
