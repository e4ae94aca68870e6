using OpenClaw.Gateway.Auth.Devices;

namespace OpenClaw.Gateway.Tests.Devices;

/// <summary>Key formats clients send, and the id derived from the key.</summary>
public sealed class DevicePublicKeyTests
{
    // From captures/28-openclaw-node-device-identity-agent.jsonl: a real openclaw-node device block.
    private const string CapturedPublicKey = "1Z2CKrRkBCLCxsPumnUKuGpDBmzjBVBgo63KrNdAHZo";
    private const string CapturedDeviceId = "e22bb6fb40fbd83cf5c0c9decbfc79588e93d9674b87b5c84d79cb03e5922935";

    private const string Rfc8032KeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    [Fact]
    public void FromPublicKey_CapturedOpenClawNodeKey_MatchesCapturedDeviceId()
    {
        Assert.True(DevicePublicKey.TryDecode(CapturedPublicKey, out byte[] raw));

        Assert.Equal(CapturedDeviceId, DeviceIds.FromPublicKey(raw));
    }

    [Fact]
    public void TryDecode_Base64UrlStandardAndPadded_AllYieldSameKey()
    {
        byte[] expected = Convert.FromHexString(Rfc8032KeyHex);
        string standard = Convert.ToBase64String(expected);
        string url = standard.TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.True(DevicePublicKey.TryDecode(url, out byte[] fromUrl));
        Assert.True(DevicePublicKey.TryDecode(standard, out byte[] fromStandard));
        Assert.True(DevicePublicKey.TryDecode(standard.TrimEnd('='), out byte[] fromUnpadded));
        Assert.Equal(expected, fromUrl);
        Assert.Equal(expected, fromStandard);
        Assert.Equal(expected, fromUnpadded);
    }

    [Fact]
    public void TryDecode_PemSpki_YieldsRawKey()
    {
        byte[] expected = Convert.FromHexString(Rfc8032KeyHex);
        string pem = "-----BEGIN PUBLIC KEY-----\n" + Convert.ToBase64String([.. Convert.FromHexString("302a300506032b6570032100"), .. expected]) + "\n-----END PUBLIC KEY-----\n";

        Assert.True(DevicePublicKey.TryDecode(pem, out byte[] raw));
        Assert.Equal(expected, raw);
    }

    [Fact]
    public void TryDecode_PemWithX25519Oid_ReturnsFalse()
    {
        // Same length and layout, but OID 1.3.101.110 (X25519): not a signing key.
        string pem = "-----BEGIN PUBLIC KEY-----\n" + Convert.ToBase64String([.. Convert.FromHexString("302a300506032b656e032100"), .. new byte[32]]) + "\n-----END PUBLIC KEY-----";

        Assert.False(DevicePublicKey.TryDecode(pem, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")] // 3 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 36 bytes
    [InlineData("1Z2CKrRkBCLCxsPumnUKuGpDBmzjBVBgo63KrNdAHZ")] // 42 chars: a truncated key
    [InlineData("1Z2CKrRkBCLCxsPumnUKuGpDBmzjBVBgo63KrNdAHZo====")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA1Z2CKrRkBCLCxsPumnUKuGpDBmzjBVBgo63KrNdAHZo=")] // no footer
    public void TryDecode_Garbage_ReturnsFalse(string value)
    {
        Assert.False(DevicePublicKey.TryDecode(value, out byte[] raw));
        Assert.Empty(raw);
    }
}
