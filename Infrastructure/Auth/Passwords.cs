using System.Security.Cryptography;
using System.Text;

namespace KolibriSlices.Infrastructure.Auth;

/// <summary>
/// Django-compatible password hashes (<c>pbkdf2_sha256$iterations$salt$base64</c>, also <c>pbkdf2_sha1</c>), so users
/// imported from a Kolibri database keep their passwords. <c>NOT_SPECIFIED</c> never verifies.
/// </summary>
public sealed class Passwords(IConfiguration config)
{
    public const string NotSpecified = "NOT_SPECIFIED";
    private const string SaltAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>Django 3.2's default; configurable (Auth:PasswordIterations) only so test suites can hash quickly.</summary>
    public int Iterations { get; } = config.GetValue("Auth:PasswordIterations", 260000);

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetString(SaltAlphabet, 22);
        return $"pbkdf2_sha256${Iterations}${salt}${Derive(HashAlgorithmName.SHA256, password, salt, Iterations, 32)}";
    }

    public bool Verify(string password, string? stored) => Check(password, stored).Valid;

    /// <summary>Checks a password; <c>NeedsUpgrade</c> when it verified under weaker parameters than ours.</summary>
    public (bool Valid, bool NeedsUpgrade) Check(string password, string? stored)
    {
        if (string.IsNullOrEmpty(stored) || stored == NotSpecified) return (false, false);
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], out var iterations) || iterations <= 0) return (false, false);
        var (algorithm, length) = parts[0] switch
        {
            "pbkdf2_sha256" => (HashAlgorithmName.SHA256, 32),
            "pbkdf2_sha1" => (HashAlgorithmName.SHA1, 20),
            _ => (default(HashAlgorithmName), 0),
        };
        if (length == 0) return (false, false);
        var expected = Encoding.ASCII.GetBytes(parts[3]);
        var actual = Encoding.ASCII.GetBytes(Derive(algorithm, password, parts[2], iterations, length));
        var valid = CryptographicOperations.FixedTimeEquals(expected, actual);
        return (valid, valid && (parts[0] != "pbkdf2_sha256" || iterations != Iterations));
    }

    private static string Derive(HashAlgorithmName algorithm, string password, string salt, int iterations, int length) =>
        Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations, algorithm, length));

    /// <summary>What a session remembers of the password: when the hash changes, the session stops working.</summary>
    public static string SessionHash(string passwordHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(passwordHash)))[..32];
}
