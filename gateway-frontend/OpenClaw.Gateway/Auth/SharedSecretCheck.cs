using System.Security.Cryptography;
using System.Text;
using OpenClaw.Gateway.Hosting;

namespace OpenClaw.Gateway.Auth;

/// <summary>Outcome of checking a presented shared secret against the configured one.</summary>
internal enum SharedSecretResult
{
    /// <summary>Auth mode none: nothing to check.</summary>
    NotRequired,
    Valid,
    Missing,
    Mismatch,
}

/// <summary>
/// Compares secrets in constant time. Both sides are hashed first so neither the content nor the length of the
/// configured secret leaks through timing.
/// </summary>
internal static class SharedSecretCheck
{
    public static SharedSecretResult Check(GatewaySettings settings, string? token, string? password)
    {
        var (expected, presented) = settings.AuthMode switch
        {
            GatewayAuthModes.Token => (settings.Token, token),
            GatewayAuthModes.Password => (settings.Password, password),
            _ => (null, null),
        };

        if (settings.AuthMode == GatewayAuthModes.None)
        {
            return SharedSecretResult.NotRequired;
        }

        if (string.IsNullOrEmpty(presented))
        {
            return SharedSecretResult.Missing;
        }

        return expected is not null && FixedTimeEquals(expected, presented) ? SharedSecretResult.Valid : SharedSecretResult.Mismatch;
    }

    public static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
