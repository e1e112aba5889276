using System.Globalization;
using Dapper;
using KolibriSlices.Infrastructure.Auth;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Logger.CsvLogRequests;

/// <summary>
/// The CSV export request as sent (no id, as in Kolibri; detail routes take the integer id), who sees it (admins of its
/// facility, superusers) and its body rules.
/// </summary>
public static class CsvLogRequestObject
{
    public static readonly string[] LogTypes = ["session", "summary"];

    public sealed record Item
    {
        public required string Facility { get; init; }
        public required string LogType { get; init; }
        public string? SelectedStartDate { get; init; }
        public string? SelectedEndDate { get; init; }
        public required string DateRequested { get; init; }
    }

    public const string Columns = "facility_id AS facility, log_type, selected_start_date, selected_end_date, date_requested";

    public static string Visible(CurrentUser? user, DynamicParameters args)
    {
        if (user is null) return "1 = 0";
        if (user.IsSuperuser) return "1 = 1";
        args.Add("admin_facilities", user.Roles.Where(r => r.Kind == CurrentUser.Admin && r.CollectionKind == "facility").Select(r => r.CollectionId).ToArray());
        return "facility_id IN @admin_facilities";
    }

    public sealed record Fields
    {
        public string? Facility { get; init; }
        public string? LogType { get; init; }
        public string? Start { get; init; }
        public string? End { get; init; }
        public string? Requested { get; init; }
        public required bool HasStart { get; init; }
        public required bool HasEnd { get; init; }
    }

    public static async Task<(Fields? Fields, IResult? Error)> ReadAsync(HttpContext http, DbConn conn, bool partial)
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
        return (new Fields
        {
            Facility = facility, LogType = logType, Start = start, End = end, Requested = requested,
            HasStart = body.Has("selected_start_date"), HasEnd = body.Has("selected_end_date"),
        }, null);
    }

    private static string? Timestamp(JsonBody body, string field)
    {
        var text = body.String(field, allowNull: true);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return KolibriTime.Format(time);
        body.AddError("INVALID", field, "Datetime has wrong format.");
        return null;
    }
}
