namespace KolibriSlices.Tests.Infrastructure;

public static class Actors
{
    /// <summary>A client for one actor of the standard scenario: null is anonymous; otheradmin/otherlearner log in to F2.</summary>
    public static async Task<ApiClient> ClientAsync(this KolibriApp app, string? actor) => actor switch
    {
        null => app.Anonymous(),
        "otheradmin" or "otherlearner" => await app.LoginAsync(actor, Known.OtherFacility),
        "superuser" => await app.LoginAsync(actor),
        _ => await app.LoginAsync(actor, Known.Facility),
    };
}
