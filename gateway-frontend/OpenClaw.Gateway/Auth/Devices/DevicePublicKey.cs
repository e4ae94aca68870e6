namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>Normalises the <c>device.publicKey</c> forms clients send to the raw 32-byte Ed25519 key.</summary>
public static class DevicePublicKey
{
    private const string PemHeader = "-----BEGIN PUBLIC KEY-----";
    private const string PemFooter = "-----END PUBLIC KEY-----";

    /// <summary>DER SubjectPublicKeyInfo prefix for an Ed25519 key (OID 1.3.101.112); the raw key follows it.</summary>
    private static ReadOnlySpan<byte> Ed25519SpkiPrefix => [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    private const int SpkiLength = 44;

    // A PEM of a 44-byte DER is ~110 chars; anything far bigger is not a key and is rejected before decoding.
    private const int MaxPemLength = 512;

    /// <summary>
    /// Accepts the raw key as base64url (standard base64 and padding tolerated) or a PEM SPKI block.
    /// </summary>
    public static bool TryDecode(string value, out byte[] rawKey)
    {
        rawKey = [];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        string trimmed = value.Trim();
        if (trimmed.StartsWith(PemHeader, StringComparison.Ordinal))
        {
            return TryDecodePem(trimmed, out rawKey);
        }

        if (!LenientBase64.TryDecode(trimmed, Ed25519Verifier.PublicKeyLength, out byte[] decoded) || decoded.Length != Ed25519Verifier.PublicKeyLength)
        {
            return false;
        }

        rawKey = decoded;
        return true;
    }

    private static bool TryDecodePem(string pem, out byte[] rawKey)
    {
        rawKey = [];
        int footer = pem.IndexOf(PemFooter, StringComparison.Ordinal);
        if (pem.Length > MaxPemLength || footer < 0)
        {
            return false;
        }

        string body = string.Concat(pem[PemHeader.Length..footer].Where(c => !char.IsWhiteSpace(c)));
        if (!LenientBase64.TryDecode(body, SpkiLength, out byte[] der) || der.Length != SpkiLength || !der.AsSpan().StartsWith(Ed25519SpkiPrefix))
        {
            return false;
        }

        rawKey = der[Ed25519SpkiPrefix.Length..];
        return true;
    }
}
