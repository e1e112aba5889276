using Carter;
using KolibriSlices.Infrastructure;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Public.Info;

/// <summary>
/// GET /api/public/info/?v=1|2|3: how Kolibri devices identify each other on a network. No <c>v</c> means version 1,
/// an unknown one version 3.
/// </summary>
public sealed class InfoModule : ICarterModule
{
    public const string MinContentSchemaVersion = "5";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/info/", HandleAsync).WithTags("Public").WithMetadata(new KolibriView("Info"));

    public sealed record InfoRow
    {
        public required string InstanceId { get; init; }
        public string? DeviceName { get; init; }
        public bool SubsetOfUsersDevice { get; init; }
    }

    private const string Sql = """
        SELECT i.value AS instance_id, s.name AS device_name, COALESCE(s.subset_of_users_device, FALSE) AS subset_of_users_device
        FROM kolibrislices_instance i LEFT JOIN device_devicesettings s ON s.id = 1
        WHERE i.key = 'instance_id'
        """;

    public static async Task<IResult> HandleAsync(HttpContext http, Db db)
    {
        await using var conn = await db.OpenAsync(http.RequestAborted);
        var row = await conn.QuerySingleAsync<InfoRow>(Sql);
        var version = http.Request.Query["v"].ToString() switch { "" or "1" => 1, "2" => 2, _ => 3 };
        var info = new Dictionary<string, object?>
        {
            ["application"] = "kolibri",
            ["kolibri_version"] = KolibriVersion.Version,
            ["instance_id"] = row.InstanceId,
            ["device_name"] = string.IsNullOrEmpty(row.DeviceName) ? Environment.MachineName : row.DeviceName,
            ["operating_system"] = "Linux",
        };
        if (version >= 2) info["subset_of_users_device"] = row.SubsetOfUsersDevice;
        if (version >= 3) info["min_content_schema_version"] = MinContentSchemaVersion;
        return Results.Json(info);
    }
}
