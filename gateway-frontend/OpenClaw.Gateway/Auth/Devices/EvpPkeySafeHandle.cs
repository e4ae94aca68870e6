using Microsoft.Win32.SafeHandles;

namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>Owns an OpenSSL EVP_PKEY so it is freed even if verification is interrupted.</summary>
internal sealed class EvpPkeySafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public EvpPkeySafeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.EvpPkeyFree(handle);
        return true;
    }
}
