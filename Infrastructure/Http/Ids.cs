namespace KolibriSlices.Infrastructure.Http;

public static class Ids
{
    /// <summary>32 lowercase hex, like morango's ids.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// A stable id from its parts, as morango derives Role and Membership ids from user + collection (+ kind): the same
    /// row made twice gets the same id.
    /// </summary>
    public static string Deterministic(params string[] parts) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("::", parts))))[..32];

    /// <summary>Accepts 32 hex or a dashed/braced UUID; returns 32 lowercase hex, or null if it is not one.</summary>
    public static string? Normalize(string? text) =>
        text is not null && Guid.TryParse(text.Trim(), out var guid) ? guid.ToString("N") : null;
}
