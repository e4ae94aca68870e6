using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Devices;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>
/// connect with a Node-signed device block (as openclaw-node sends it, capture 28): loopback + shared secret is
/// approved silently; each broken proof is refused with its details code and close 1008.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DeviceHandshakeTests(GatewayFixture fixture)
{
    private static readonly string[] Scopes = [OperatorScopes.Read, OperatorScopes.Write];

    [Fact]
    public async Task Connect_SignedDeviceOnLoopbackWithToken_AcceptedWithDeclaredScopes()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        var challenge = await client.ReadChallengeAsync();
        var (connect, device) = await SignedConnectAsync(challenge.Nonce, DateTimeOffset.UtcNow);

        var response = await client.SendConnectAsync(connect);

        Assert.True(response.Ok, response.Error?.Message);
        var hello = response.Payload!.Value.Deserialize(ProtocolJson.Default.HelloOk)!;
        Assert.Equal(Scopes, hello.Auth.Scopes);
        Assert.Equal(device.DeviceId, (string?)connect["device"]!["id"]);
    }

    [Fact]
    public async Task Connect_ProofForAnotherChallenge_NonceMismatch()
    {
        var response = await RejectedAsync(async nonce => (await SignedConnectAsync(nonce, DateTimeOffset.UtcNow, signedNonce: Guid.NewGuid().ToString())).Connect);

        Assert.Equal("DEVICE_AUTH_NONCE_MISMATCH", (string?)response.Details!["code"]);
    }

    [Fact]
    public async Task Connect_TamperedSignature_SignatureInvalid()
    {
        var response = await RejectedAsync(async nonce =>
        {
            var (connect, _) = await SignedConnectAsync(nonce, DateTimeOffset.UtcNow);
            connect["scopes"] = new JsonArray(OperatorScopes.Admin); // the signature covered read,write
            return connect;
        });

        Assert.Equal(ErrorCodes.InvalidRequest, response.Code);
        Assert.Equal("DEVICE_AUTH_SIGNATURE_INVALID", (string?)response.Details!["code"]);
        Assert.Equal("device signature invalid", response.Message);
    }

    [Fact]
    public async Task Connect_SignedTenMinutesAgo_SignatureExpired()
    {
        var response = await RejectedAsync(async nonce => (await SignedConnectAsync(nonce, DateTimeOffset.UtcNow.AddMinutes(-10))).Connect);

        Assert.Equal("DEVICE_AUTH_SIGNATURE_EXPIRED", (string?)response.Details!["code"]);
    }

    [Fact]
    public async Task Connect_DeviceIdNotTheKeyFingerprint_DeviceIdMismatch()
    {
        var response = await RejectedAsync(async nonce =>
        {
            var (connect, _) = await SignedConnectAsync(nonce, DateTimeOffset.UtcNow);
            connect["device"]!["id"] = new string('0', 64);
            return connect;
        });

        Assert.Equal("DEVICE_AUTH_DEVICE_ID_MISMATCH", (string?)response.Details!["code"]);
    }

    private async Task<ErrorShape> RejectedAsync(Func<string, Task<JsonObject>> buildConnect)
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        var challenge = await client.ReadChallengeAsync();
        var response = await client.SendConnectAsync(await buildConnect(challenge.Nonce));
        var (code, reason, _) = await client.WaitForCloseAsync();
        Assert.False(response.Ok);
        Assert.Equal(1008, code);
        Assert.Equal(response.Error!.Message, reason);
        return response.Error;
    }

    private static async Task<(JsonObject Connect, SignedDevice Device)> SignedConnectAsync(string nonce, DateTimeOffset signedAt, string? signedNonce = null)
    {
        var signedAtMs = signedAt.ToUnixTimeMilliseconds();
        var device = await NodeDeviceSigner.SignAsync(new DeviceSignRequest(
            "gateway-client", "backend", "operator", Scopes, signedAtMs, GatewayTestClient.DefaultToken, signedNonce ?? nonce, "linux", null));
        var connect = ConnectParamsBuilder.Backend(scopes: Scopes);
        connect["client"]!.AsObject().Remove("deviceFamily");
        connect["device"] = new JsonObject
        {
            ["id"] = device.DeviceId,
            ["publicKey"] = device.PublicKey,
            ["signature"] = device.SignatureV2,
            ["signedAt"] = signedAtMs,
            ["nonce"] = signedNonce ?? nonce,
        };
        return (connect, device);
    }
}
