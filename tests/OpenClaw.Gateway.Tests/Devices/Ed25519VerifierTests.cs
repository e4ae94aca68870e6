using OpenClaw.Gateway.Auth.Devices;

namespace OpenClaw.Gateway.Tests.Devices;

/// <summary>The OpenSSL-backed Ed25519 primitive against the RFC 8032 known answer, and its input guards.</summary>
public sealed class Ed25519VerifierTests
{
    // RFC 8032 §7.1, TEST 1 (empty message).
    private static readonly byte[] Rfc8032PublicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static readonly byte[] Rfc8032Signature = Convert.FromHexString(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    [Fact]
    public void Verify_Rfc8032Vector1_ReturnsTrue()
    {
        Assert.True(Ed25519Verifier.Verify(Rfc8032PublicKey, ReadOnlySpan<byte>.Empty, Rfc8032Signature));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(63)]
    public void Verify_Rfc8032Vector1WithOneSignatureBitFlipped_ReturnsFalse(int byteIndex)
    {
        byte[] signature = (byte[])Rfc8032Signature.Clone();
        signature[byteIndex] ^= 0x01;

        Assert.False(Ed25519Verifier.Verify(Rfc8032PublicKey, ReadOnlySpan<byte>.Empty, signature));
    }

    [Fact]
    public void Verify_Rfc8032Vector1WithOneKeyBitFlipped_ReturnsFalse()
    {
        byte[] key = (byte[])Rfc8032PublicKey.Clone();
        key[5] ^= 0x80;

        Assert.False(Ed25519Verifier.Verify(key, ReadOnlySpan<byte>.Empty, Rfc8032Signature));
    }

    [Fact]
    public void Verify_Rfc8032Vector1WithNonEmptyMessage_ReturnsFalse()
    {
        Assert.False(Ed25519Verifier.Verify(Rfc8032PublicKey, [0x72], Rfc8032Signature));
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(31, 64)]
    [InlineData(33, 64)]
    [InlineData(32, 0)]
    [InlineData(32, 63)]
    [InlineData(32, 65)]
    public void Verify_WrongLengths_ReturnsFalse(int keyLength, int signatureLength)
    {
        Assert.False(Ed25519Verifier.Verify(new byte[keyLength], [1, 2, 3], new byte[signatureLength]));
    }

    [Fact]
    public void Verify_KeyThatIsNotACurvePoint_ReturnsFalseWithoutThrowing()
    {
        byte[] notAPoint = Enumerable.Repeat((byte)0xff, 32).ToArray();

        Assert.False(Ed25519Verifier.Verify(notAPoint, [1, 2, 3], Rfc8032Signature));
        // A failure must leave OpenSSL usable: the known answer still verifies afterwards on this thread.
        Assert.True(Ed25519Verifier.Verify(Rfc8032PublicKey, ReadOnlySpan<byte>.Empty, Rfc8032Signature));
    }

    [Fact]
    public void Unavailable_MissingLibrary_NamesLibraryAndDebianPackage()
    {
        var error = LibCrypto.Unavailable(new DllNotFoundException("Unable to load shared library 'libcrypto.so.3'"));

        Assert.Contains("libcrypto.so.3", error.Message, StringComparison.Ordinal);
        Assert.Contains("libssl3", error.Message, StringComparison.Ordinal);
        Assert.IsType<DllNotFoundException>(error.InnerException);
    }
}
