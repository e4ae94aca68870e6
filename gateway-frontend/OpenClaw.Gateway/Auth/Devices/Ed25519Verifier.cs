namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>Ed25519 (RFC 8032, pure) signature verification over the system OpenSSL.</summary>
public static class Ed25519Verifier
{
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    /// <summary>
    /// True only for a valid signature. Any malformed input (wrong lengths, a key that is not a curve point) is
    /// false, never an exception; only a missing libcrypto throws, because that is a deployment fault.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength)
        {
            return false;
        }

        try
        {
            return VerifyWithOpenSsl(publicKey, message, signature);
        }
        catch (DllNotFoundException ex)
        {
            throw LibCrypto.Unavailable(ex);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw LibCrypto.Unavailable(ex);
        }
    }

    private static unsafe bool VerifyWithOpenSsl(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        // An empty span pins to a null pointer; hand OpenSSL a real address with length 0 instead.
        byte emptyMessage = 0;
        fixed (byte* keyPtr = publicKey)
        fixed (byte* signaturePtr = signature)
        fixed (byte* messagePtr = message)
        {
            byte* messageOrEmpty = message.IsEmpty ? &emptyMessage : messagePtr;
            using var key = LibCrypto.EvpPkeyNewRawPublicKey(LibCrypto.EvpPkeyEd25519, IntPtr.Zero, keyPtr, (nuint)publicKey.Length);
            if (key.IsInvalid)
            {
                return Failed();
            }

            using var context = LibCrypto.EvpMdCtxNew();
            if (context.IsInvalid)
            {
                return Failed();
            }

            // Ed25519 hashes internally: no digest, and the whole message goes through one EVP_DigestVerify call.
            if (LibCrypto.EvpDigestVerifyInit(context, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) != 1)
            {
                return Failed();
            }

            int outcome = LibCrypto.EvpDigestVerify(context, signaturePtr, (nuint)signature.Length, messageOrEmpty, (nuint)message.Length);
            return outcome == 1 || Failed();
        }
    }

    // OpenSSL's error queue is per thread; a stale entry would be misread by the next OpenSSL user on this thread
    // (including .NET's own TLS), so drop it whenever a call reports failure.
    private static bool Failed()
    {
        LibCrypto.ErrClearError();
        return false;
    }
}
