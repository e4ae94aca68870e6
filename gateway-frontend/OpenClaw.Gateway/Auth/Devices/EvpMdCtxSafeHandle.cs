using Microsoft.Win32.SafeHandles;

namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>Owns an OpenSSL EVP_MD_CTX so it is freed even if verification is interrupted.</summary>
internal sealed class EvpMdCtxSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public EvpMdCtxSafeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.EvpMdCtxFree(handle);
        return true;
    }
}
