using System.Security.Cryptography;

namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>Device ids are the key's fingerprint, so an id cannot be claimed without holding the key.</summary>
public static class DeviceIds
{
    /// <summary>Lowercase hex SHA-256 of the raw 32-byte public key.</summary>
    public static string FromPublicKey(ReadOnlySpan<byte> rawKey) => Convert.ToHexStringLower(SHA256.HashData(rawKey));
}
