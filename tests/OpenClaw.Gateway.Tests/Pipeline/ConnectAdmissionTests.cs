using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Handshake;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Devices;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>
/// Admission decisions that a loopback socket cannot reach: a remote address (pairing, scope clearing) and a host
/// that is stopping. Exercised on the real <see cref="ConnectAdmission"/> with a connection object whose remote
/// address is set explicitly.
/// </summary>
public sealed class ConnectAdmissionTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task Admit_RemoteSignedDeviceWithToken_PairingRequired()
    {
        using var connection = Connection(Remote);
        var scopes = new[] { OperatorScopes.Read };
        var signedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var device = await NodeDeviceSigner.SignAsync(new DeviceSignRequest(
            "gateway-client", "backend", "operator", scopes, signedAt, GatewayTestClient.DefaultToken, connection.ChallengeNonce, "linux", "Linux"));
        var connect = ConnectParamsBuilder.Backend(scopes: scopes);
        connect["device"] = new JsonObject
        {
            ["id"] = device.DeviceId, ["publicKey"] = device.PublicKey, ["signature"] = device.SignatureV3,
            ["signedAt"] = signedAt, ["nonce"] = connection.ChallengeNonce,
        };

        var rejected = Assert.IsType<AdmissionResult.Rejected>(Admission().Admit(connection, Element(connect)));

        Assert.Equal(ErrorCodes.NotPaired, rejected.Error.Code);
        Assert.Equal(1008, rejected.CloseCode);
        Assert.Equal("device pairing required", rejected.CloseReason);
        var details = rejected.Error.Details!;
        Assert.Equal("PAIRING_REQUIRED", (string?)details["code"]);
        Assert.Equal("not-paired", (string?)details["reason"]);
        Assert.Equal(device.DeviceId, (string?)details["deviceId"]);
        Assert.Equal("operator", (string?)details["requestedRole"]);
        Assert.Equal("""["operator.read"]""", details["requestedScopes"]!.ToJsonString());
        Assert.NotNull((string?)details["remediationHint"]);
    }

    [Fact]
    public void Admit_RemoteCliWithTokenNoDevice_AcceptedWithScopesCleared()
    {
        using var connection = Connection(Remote);

        var accepted = Assert.IsType<AdmissionResult.Accepted>(Admission().Admit(connection, Element(ConnectParamsBuilder.Cli())));

        Assert.Empty(accepted.Principal.Scopes);
        Assert.False(accepted.Principal.IsLoopback);
    }

    [Fact]
    public void Admit_WhileStopping_UnavailableRetryLater1013()
    {
        using var connection = Connection(IPAddress.Loopback);
        var lifetime = new TestLifetime();
        lifetime.StopApplication();

        var rejected = Assert.IsType<AdmissionResult.Rejected>(Admission(lifetime).Admit(connection, Element(ConnectParamsBuilder.Cli())));

        Assert.Equal(ErrorCodes.Unavailable, rejected.Error.Code);
        Assert.True(rejected.Error.Retryable);
        Assert.Equal(1000, rejected.Error.RetryAfterMs);
        Assert.Equal("gateway-restarting", (string?)rejected.Error.Details!["reason"]);
        Assert.Equal(1013, rejected.CloseCode);
    }

    [Fact]
    public void Admit_NodeRoleAndModeWithProtocol3_Accepted()
    {
        using var connection = Connection(IPAddress.Loopback);
        var connect = ConnectParamsBuilder.Build("node-host", "node", GatewayTestClient.DefaultToken, [], 3, 3);
        connect["role"] = "node";

        var accepted = Assert.IsType<AdmissionResult.Accepted>(Admission().Admit(connection, Element(connect)));

        Assert.Equal(3, accepted.Protocol);
        Assert.True(accepted.Principal.IsNode);
    }

    [Fact]
    public void CloseReason_LongerThan123Bytes_TruncatedOnRuneBoundary()
    {
        var reason = new string('é', 100); // 200 bytes of UTF-8

        var truncated = CloseReason.Truncate(reason);

        Assert.Equal(61, truncated.Length);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(truncated) <= 123);
    }

    private static ConnectAdmission Admission(IHostApplicationLifetime? lifetime = null)
    {
        var settings = new GatewaySettings { AuthMode = GatewayAuthModes.Token, Token = GatewayTestClient.DefaultToken };
        return new ConnectAdmission(
            settings,
            new GatewayLifecycle(lifetime ?? new TestLifetime(), TimeProvider.System),
            new AuthRateLimiter(new AuthRateLimitConfig(), TimeProvider.System),
            TimeProvider.System,
            NullLogger<ConnectAdmission>.Instance);
    }

    private static GatewayConnection Connection(IPAddress remote) => new(
        "test", WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true }), remote,
        Guid.NewGuid().ToString(), 1024 * 1024, 1024, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance);

    private static JsonElement Element(JsonObject connect) => JsonSerializer.SerializeToElement(connect);

    private sealed class TestLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();
    }
}
