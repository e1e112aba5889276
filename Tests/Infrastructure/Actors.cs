namespace KolibriSlices.Tests.Infrastructure;

/// <summary>The permission matrix's callers by name: "anonymous" or a standard user, logged in to their own facility.</summary>
public static class Actors
{
    public static readonly string[] All = ["anonymous", "learner", "ccoach", "fcoach", "admin", "superuser", "otheradmin"];

    public static async Task<ApiClient> ActorAsync(this KolibriApp app, string actor) => actor switch
    {
        "anonymous" => app.Anonymous(),
        "superuser" => await app.LoginAsync("superuser"),
        "otheradmin" or "otherlearner" => await app.LoginAsync(actor, Known.OtherFacility),
        _ => await app.LoginAsync(actor, Known.Facility),
    };

    /// <summary>The same, with null for anonymous.</summary>
    public static Task<ApiClient> ClientAsync(this KolibriApp app, string? actor) => app.ActorAsync(actor ?? "anonymous");

    /// <summary>Rows of a JSON list as their <paramref name="field"/> values, sorted (for order-free comparisons).</summary>
    public static string[] Values(this JToken list, string field = "id") =>
        list.Select(item => (string)item[field]!).Order(StringComparer.Ordinal).ToArray();
}
