using System.Runtime.InteropServices;

namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>
/// The slice of the OpenSSL 3 EVP API needed to verify Ed25519 signatures. .NET 10 has no Ed25519 and no
/// Ed25519 package restores here, so we borrow the system libcrypto that .NET itself already uses for TLS.
/// </summary>
internal static unsafe partial class LibCrypto
{
    internal const string LibraryName = "libcrypto.so.3";

    /// <summary>NID_ED25519 / EVP_PKEY_ED25519 in OpenSSL's obj_mac.h.</summary>
    internal const int EvpPkeyEd25519 = 1087;

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_new_raw_public_key")]
    internal static partial EvpPkeySafeHandle EvpPkeyNewRawPublicKey(int type, IntPtr engine, byte* key, nuint keyLength);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_free")]
    internal static partial void EvpPkeyFree(IntPtr key);

    [LibraryImport(LibraryName, EntryPoint = "EVP_MD_CTX_new")]
    internal static partial EvpMdCtxSafeHandle EvpMdCtxNew();

    [LibraryImport(LibraryName, EntryPoint = "EVP_MD_CTX_free")]
    internal static partial void EvpMdCtxFree(IntPtr context);

    [LibraryImport(LibraryName, EntryPoint = "EVP_DigestVerifyInit")]
    internal static partial int EvpDigestVerifyInit(EvpMdCtxSafeHandle context, IntPtr keyContextOut, IntPtr digest, IntPtr engine, EvpPkeySafeHandle key);

    [LibraryImport(LibraryName, EntryPoint = "EVP_DigestVerify")]
    internal static partial int EvpDigestVerify(EvpMdCtxSafeHandle context, byte* signature, nuint signatureLength, byte* message, nuint messageLength);

    [LibraryImport(LibraryName, EntryPoint = "ERR_clear_error")]
    internal static partial void ErrClearError();

    internal static InvalidOperationException Unavailable(Exception cause) => new(
        $"Ed25519 device signatures are verified through the system OpenSSL library '{LibraryName}', which could not be loaded " +
        $"({cause.Message}). On Debian/Ubuntu it is provided by the 'libssl3' package (apt-get install libssl3).",
        cause);
}
