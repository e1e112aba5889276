using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Auth.FacilityDatasets;

/// <summary>
/// POST|PATCH /api/auth/facilitydataset/&lt;id&gt;/update-pin/ <c>{"pin_code": "1234"}</c>: sets <c>extra_fields.pin_code</c>;
/// a PATCH without a pin clears it. Kolibri checks no object permission here; we require update permission on the
/// dataset for both, and answer bad pins with the JSON error list instead of plain text.
/// </summary>
public static partial class UpdateDatasetPin
{
    private const string Sql = "UPDATE kolibriauth_facilitydataset SET extra_fields = @extraFields, _morango_dirty_bit = TRUE WHERE id = @id";

    [GeneratedRegex("^[0-9]{4}$")]
    public static partial Regex PinFormat();

    public static async Task<IResult> HandleAsync(HttpContext http, Db db, string id)
    {
        if (Ids.Normalize(id) is not { } datasetId) return KolibriErrors.NotFound(http);
        await using var conn = await db.OpenAsync(http.RequestAborted);
        if (await DatasetObject.RowAsync(conn, datasetId) is not { } row) return KolibriErrors.NotFound(http);
        if (!row.MayBeUpdatedBy(CurrentUser.Of(http))) return KolibriErrors.Forbidden(http);

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        string? pin = null;
        if (body.Object["pin_code"] is null)
        {
            if (HttpMethods.IsPost(http.Request.Method)) return KolibriErrors.Invalid("REQUIRED", "pin_code", "Please provide a pin");
        }
        else if (body.Object["pin_code"] is JsonValue value && value.GetValueKind() == JsonValueKind.String && PinFormat().IsMatch(value.GetValue<string>()))
            pin = value.GetValue<string>();
        else
            return KolibriErrors.Invalid("INVALID", "pin_code", "Invalid pin input");

        var extraFields = (row.ExtraFields is { } text ? JsonNode.Parse(text) : null) as JsonObject ?? [];
        extraFields["pin_code"] = pin;
        await conn.BeginWriteAsync(http.RequestAborted);
        await conn.ExecuteAsync(Sql, new { id = datasetId, extraFields = extraFields.ToJsonString() });
        await conn.CommitAsync(http.RequestAborted);
        return Results.Json(await DatasetObject.QueryPlainAsync(conn, datasetId));
    }
}
