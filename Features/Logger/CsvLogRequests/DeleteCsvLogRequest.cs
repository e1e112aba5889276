using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.CsvLogRequests;

/// <summary>DELETE /api/logger/generatecsvlogrequest/&lt;id&gt;/ (204).</summary>
public static class DeleteCsvLogRequest
{
    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
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
