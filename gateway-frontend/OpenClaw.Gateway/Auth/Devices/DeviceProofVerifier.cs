using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>
/// Checks a connect request's device block: the key is well formed, the id is the key's fingerprint, the
/// signature is fresh, bound to this connection's challenge nonce, and signed over the v3 (else v2) payload.
/// </summary>
public static class DeviceProofVerifier
{
    /// <summary>Allowed clock skew between the client's <c>signedAt</c> and the server clock.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(120);

    public static DeviceProofResult Verify(DeviceProof proof, DeviceProofContext context)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(context);

        if (!DevicePublicKey.TryDecode(proof.PublicKey, out byte[] rawKey))
        {
            return DeviceProofResult.Failure(DeviceProofError.PublicKeyInvalid);
        }

        string deviceId = DeviceIds.FromPublicKey(rawKey);
        if (!string.Equals(proof.Id, deviceId, StringComparison.Ordinal))
        {
            return DeviceProofResult.Failure(DeviceProofError.DeviceIdMismatch);
        }

        if (!IsFresh(proof.SignedAt, context.Now))
        {
            return DeviceProofResult.Failure(DeviceProofError.SignatureExpired);
        }

        // The real gateway trims the nonce before comparing and signs over the trimmed value.
        string nonce = proof.Nonce?.Trim() ?? "";
        if (nonce.Length == 0)
        {
            return DeviceProofResult.Failure(DeviceProofError.NonceRequired);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(context.ExpectedNonce)))
        {
            return DeviceProofResult.Failure(DeviceProofError.NonceMismatch);
        }

        if (!LenientBase64.TryDecode(proof.Signature, Ed25519Verifier.SignatureLength, out byte[] signature) || signature.Length != Ed25519Verifier.SignatureLength)
        {
            return DeviceProofResult.Failure(DeviceProofError.SignatureInvalid);
        }

        string? version = SignedPayloadVersion(proof, context, nonce, rawKey, signature);
        return version is null
            ? DeviceProofResult.Failure(DeviceProofError.SignatureInvalid)
            : DeviceProofResult.Success(version, deviceId, rawKey);
    }

    private static bool IsFresh(long signedAtMs, DateTimeOffset now)
    {
        // Int128 so a hostile signedAt near long.MinValue/MaxValue cannot overflow into "fresh".
        Int128 skew = Int128.Abs((Int128)now.ToUnixTimeMilliseconds() - signedAtMs);
        return skew <= (Int128)(long)MaxSkew.TotalMilliseconds;
    }

    private static string? SignedPayloadVersion(DeviceProof proof, DeviceProofContext context, string nonce, byte[] rawKey, byte[] signature)
    {
        string v3 = DeviceAuthPayload.BuildV3(
            proof.Id, context.ClientId, context.ClientMode, context.Role, context.Scopes, proof.SignedAt, context.Token, nonce, context.Platform, context.DeviceFamily);
        if (Ed25519Verifier.Verify(rawKey, Encoding.UTF8.GetBytes(v3), signature))
        {
            return DeviceAuthPayload.V3;
        }

        string v2 = DeviceAuthPayload.BuildV2(
            proof.Id, context.ClientId, context.ClientMode, context.Role, context.Scopes, proof.SignedAt, context.Token, nonce);
        return Ed25519Verifier.Verify(rawKey, Encoding.UTF8.GetBytes(v2), signature) ? DeviceAuthPayload.V2 : null;
    }
}
