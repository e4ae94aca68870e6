using OpenClaw.Gateway.Auth.Devices;

namespace OpenClaw.Gateway.Tests.Devices;

/// <summary>One Node-signed identity shared by the proof tests (signing spawns a process, so do it once).</summary>
public sealed class NodeSignedDeviceFixture : IAsyncLifetime
{
    public static readonly DeviceSignRequest Request = new(
        ClientId: "cli",
        ClientMode: "cli",
        Role: "operator",
        Scopes: ["operator.read", "operator.write"],
        SignedAtMs: 1795323769295,
        Token: "shared-secret-token",
        Nonce: "8de9dd47-e977-418c-b69f-b70d7f147b21",
        Platform: " Linux ",
        DeviceFamily: "Linux");

    public SignedDevice Device { get; private set; } = null!;

    public async Task InitializeAsync() => Device = await NodeDeviceSigner.SignAsync(Request);

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The handshake's device check (spec §2 "Device proof") against signatures made by Node crypto, as real
/// clients make them: each rule rejects with the real gateway's details code, in the real order.
/// </summary>
public sealed class DeviceProofVerifierTests(NodeSignedDeviceFixture fixture) : IClassFixture<NodeSignedDeviceFixture>
{
    private static readonly DeviceSignRequest Request = NodeSignedDeviceFixture.Request;

    private SignedDevice Device => fixture.Device;

    private static DeviceProofContext Context(long nowOffsetMs = 0) => new(
        Request.ClientId,
        Request.ClientMode,
        Request.Role,
        Request.Scopes,
        Request.Token,
        Request.Nonce,
        Request.Platform,
        Request.DeviceFamily,
        DateTimeOffset.FromUnixTimeMilliseconds(Request.SignedAtMs + nowOffsetMs));

    private DeviceProof Proof(string? signature = null) =>
        new(Device.DeviceId, Device.PublicKey, signature ?? Device.SignatureV3, Request.SignedAtMs, Request.Nonce);

    private static void AssertRejected(DeviceProofError expected, DeviceProofResult result)
    {
        Assert.False(result.Ok);
        Assert.Equal(expected.Code, result.ErrorCode);
        Assert.Equal(expected.Message, result.Message);
        Assert.Null(result.PayloadVersion);
    }

    [Fact]
    public void Verify_NodeSignedV3_AcceptedAsV3()
    {
        DeviceProofResult result = DeviceProofVerifier.Verify(Proof(), Context());

        Assert.True(result.Ok, result.Message);
        Assert.Equal("v3", result.PayloadVersion);
        Assert.Equal(Device.DeviceId, result.DeviceId);
        Assert.Equal(Convert.FromBase64String(Device.PublicKeyPem.Split('\n')[1])[12..], result.RawPublicKey);
        Assert.Null(result.ErrorCode);
    }

    [Fact]
    public void Verify_NodeSignedV2_AcceptedAsV2()
    {
        DeviceProofResult result = DeviceProofVerifier.Verify(Proof(Device.SignatureV2), Context());

        Assert.True(result.Ok, result.Message);
        Assert.Equal("v2", result.PayloadVersion);
    }

    [Fact]
    public void Verify_PayloadsBuiltHere_EqualWhatNodeSigned()
    {
        Assert.Equal(Device.PayloadV3, DeviceAuthPayload.BuildV3(
            Device.DeviceId, Request.ClientId, Request.ClientMode, Request.Role, Request.Scopes, Request.SignedAtMs, Request.Token, Request.Nonce, Request.Platform, Request.DeviceFamily));
        Assert.Equal(Device.PayloadV2, DeviceAuthPayload.BuildV2(
            Device.DeviceId, Request.ClientId, Request.ClientMode, Request.Role, Request.Scopes, Request.SignedAtMs, Request.Token, Request.Nonce));
    }

    [Fact]
    public void Verify_PemSpkiPublicKey_Accepted()
    {
        DeviceProofResult result = DeviceProofVerifier.Verify(Proof() with { PublicKey = Device.PublicKeyPem }, Context());

        Assert.True(result.Ok, result.Message);
        Assert.Equal("v3", result.PayloadVersion);
        Assert.Equal(Device.DeviceId, result.DeviceId);
    }

    [Fact]
    public void Verify_StandardBase64PaddedSignature_Accepted()
    {
        string standard = Convert.ToBase64String(Base64UrlDecode(Device.SignatureV3));
        Assert.EndsWith("==", standard, StringComparison.Ordinal);

        DeviceProofResult result = DeviceProofVerifier.Verify(Proof(standard), Context());

        Assert.True(result.Ok, result.Message);
    }

    [Fact]
    public void Verify_TamperedScopes_SignatureInvalid()
    {
        var context = Context() with { Scopes = ["operator.read", "operator.admin"] };

        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(), context));
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(Device.SignatureV2), context));
    }

    [Fact]
    public void Verify_ReorderedScopes_SignatureInvalid()
    {
        var context = Context() with { Scopes = [.. Request.Scopes.Reverse()] };

        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(), context));
    }

    [Fact]
    public void Verify_TamperedToken_SignatureInvalid()
    {
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(), Context() with { Token = "other-token" }));
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(), Context() with { Token = "" }));
    }

    [Fact]
    public void Verify_TamperedPlatform_SignatureInvalidForV3()
    {
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(), Context() with { Platform = "darwin" }));
    }

    [Fact]
    public void Verify_PlatformDiffersOnlyInCaseAndSpaces_StillV3()
    {
        DeviceProofResult result = DeviceProofVerifier.Verify(Proof(), Context() with { Platform = "LINUX", DeviceFamily = " linux" });

        Assert.True(result.Ok, result.Message);
        Assert.Equal("v3", result.PayloadVersion);
    }

    [Fact]
    public void Verify_TamperedRoleOrClient_SignatureInvalid()
    {
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(), Context() with { Role = "node" }));
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(), Context() with { ClientId = "gateway-client" }));
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(), Context() with { ClientMode = "backend" }));
    }

    [Fact]
    public void Verify_TamperedNonceMatchingChallenge_SignatureInvalid()
    {
        // Client and challenge agree on a nonce the signature does not cover (e.g. a replayed signature).
        const string otherNonce = "00000000-0000-0000-0000-000000000000";
        var proof = Proof() with { Nonce = otherNonce };

        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(proof, Context() with { ExpectedNonce = otherNonce }));
    }

    [Fact]
    public void Verify_SignedAtChangedAfterSigning_SignatureInvalid()
    {
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof() with { SignedAt = Request.SignedAtMs + 1 }, Context()));
    }

    [Fact]
    public void Verify_SignatureFromAnotherDevice_SignatureInvalid()
    {
        // A valid Ed25519 signature, but by a key other than the one presented.
        string rfc8032Signature = Convert.ToBase64String(Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));

        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(rfc8032Signature), Context()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("!!not-base64!!")]
    public void Verify_MalformedSignature_SignatureInvalid(string signature)
    {
        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(signature), Context()));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Verify_WrongLengthSignature_SignatureInvalid(int lengthDelta)
    {
        byte[] signature = Base64UrlDecode(Device.SignatureV3);
        byte[] resized = new byte[signature.Length + lengthDelta];
        Array.Copy(signature, resized, Math.Min(signature.Length, resized.Length));

        AssertRejected(DeviceProofError.SignatureInvalid, DeviceProofVerifier.Verify(Proof(Convert.ToBase64String(resized)), Context()));
    }

    [Fact]
    public void Verify_IdNotFingerprintOfKey_DeviceIdMismatch()
    {
        string otherId = new string('0', 64);

        AssertRejected(DeviceProofError.DeviceIdMismatch, DeviceProofVerifier.Verify(Proof() with { Id = otherId }, Context()));
        AssertRejected(DeviceProofError.DeviceIdMismatch, DeviceProofVerifier.Verify(Proof() with { Id = Device.DeviceId.ToUpperInvariant() }, Context()));
    }

    [Theory]
    [InlineData(121_000)]
    [InlineData(-121_000)]
    [InlineData(120_001)]
    public void Verify_SignedAtOutsideSkew_SignatureExpired(long nowOffsetMs)
    {
        AssertRejected(DeviceProofError.SignatureExpired, DeviceProofVerifier.Verify(Proof(), Context(nowOffsetMs)));
    }

    [Theory]
    [InlineData(119_000)]
    [InlineData(-119_000)]
    [InlineData(120_000)]
    public void Verify_SignedAtWithinSkew_Accepted(long nowOffsetMs)
    {
        DeviceProofResult result = DeviceProofVerifier.Verify(Proof(), Context(nowOffsetMs));

        Assert.True(result.Ok, result.Message);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Verify_ExtremeSignedAt_SignatureExpiredWithoutOverflow(long signedAt)
    {
        AssertRejected(DeviceProofError.SignatureExpired, DeviceProofVerifier.Verify(Proof() with { SignedAt = signedAt }, Context()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_NonceMissing_NonceRequired(string? nonce)
    {
        AssertRejected(DeviceProofError.NonceRequired, DeviceProofVerifier.Verify(Proof() with { Nonce = nonce }, Context()));
    }

    [Fact]
    public void Verify_NonceNotTheChallenge_NonceMismatch()
    {
        AssertRejected(DeviceProofError.NonceMismatch, DeviceProofVerifier.Verify(Proof() with { Nonce = "stale-nonce" }, Context()));
        AssertRejected(DeviceProofError.NonceMismatch, DeviceProofVerifier.Verify(Proof(), Context() with { ExpectedNonce = Request.Nonce + "x" }));
    }

    [Fact]
    public void Verify_NonceWithSurroundingSpaces_TrimmedLikeTheRealGateway()
    {
        DeviceProofResult result = DeviceProofVerifier.Verify(Proof() with { Nonce = $"  {Request.Nonce} " }, Context());

        Assert.True(result.Ok, result.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage key")]
    [InlineData("AAAA")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----")]
    public void Verify_GarbageKey_PublicKeyInvalid(string publicKey)
    {
        AssertRejected(DeviceProofError.PublicKeyInvalid, DeviceProofVerifier.Verify(Proof() with { PublicKey = publicKey }, Context()));
    }

    [Fact]
    public void Verify_SeveralFaults_ReportsFirstInSpecOrder()
    {
        // Wrong id, expired, missing nonce and bad signature at once: the id is checked first.
        var proof = new DeviceProof(new string('a', 64), Device.PublicKey, "AAAA", Request.SignedAtMs - 500_000, null);

        AssertRejected(DeviceProofError.DeviceIdMismatch, DeviceProofVerifier.Verify(proof, Context()));
        AssertRejected(DeviceProofError.SignatureExpired, DeviceProofVerifier.Verify(proof with { Id = Device.DeviceId }, Context()));
        AssertRejected(DeviceProofError.NonceRequired, DeviceProofVerifier.Verify(proof with { Id = Device.DeviceId, SignedAt = Request.SignedAtMs }, Context()));
    }

    [Fact]
    public void ReasonFor_EachCode_MatchesRealGatewayReason()
    {
        Assert.Equal("device-signature", DeviceProofError.ReasonFor("DEVICE_AUTH_SIGNATURE_INVALID"));
        Assert.Equal("device-signature-stale", DeviceProofError.ReasonFor("DEVICE_AUTH_SIGNATURE_EXPIRED"));
        Assert.Equal("device-nonce-missing", DeviceProofError.ReasonFor("DEVICE_AUTH_NONCE_REQUIRED"));
        Assert.Null(DeviceProofError.ReasonFor("AUTH_TOKEN_MISMATCH"));
    }

    private static byte[] Base64UrlDecode(string value) => Convert.FromBase64String(
        value.Replace('-', '+').Replace('_', '/').PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '='));
}
