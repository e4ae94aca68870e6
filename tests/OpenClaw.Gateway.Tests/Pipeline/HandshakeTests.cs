using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>
/// The connect handshake against the captures (01, 03–07, 10): challenge, hello-ok shape, and each rejection with
/// its exact error, details and close code.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HandshakeTests(GatewayFixture fixture)
{
    private const string TokenMismatch = "unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)";

    [Fact]
    public async Task Connect_OnOpen_SendsChallengeWithNonceAndCapabilities()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);

        var challenge = await client.ReadChallengeAsync();

        Assert.True(Guid.TryParse(challenge.Nonce, out _));
        Assert.InRange(challenge.Ts, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.Equal(["model-catalog-snapshot"], challenge.Capabilities);
    }

    [Fact]
    public async Task Connect_LocalCliWithToken_ReturnsHelloOkWithDeclaredScopesAndMethodTable()
    {
        var (client, hello) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var ownedClient = client;

        Assert.Equal("hello-ok", hello.Type);
        Assert.Equal(4, hello.Protocol);
        Assert.Equal("2026.9.6", hello.Server.Version);
        Assert.True(Guid.TryParse(hello.Server.ConnId, out _));
        Assert.NotNull(hello.Server.BootId);
        Assert.Equal(fixture.Gateway.Services.GetRequiredService<RpcMethodTable>().MethodNames, hello.Features.Methods);
        Assert.Contains("test.echo", hello.Features.Methods);
        Assert.Subset(new HashSet<string>(hello.Features.Events), new HashSet<string>(["connect.challenge", "tick", "shutdown", "health", "presence"]));
        Assert.Equal("operator", hello.Auth.Role);
        Assert.Equal([OperatorScopes.Read], hello.Auth.Scopes);
        Assert.Equal("token", hello.Auth.Method);
        Assert.Equal(new HelloPolicy(26_214_400, 52_428_800, 30_000), hello.Policy);
        Assert.Contains(hello.Snapshot.Presence, p => p.Mode == "gateway" && p.Reason == "self");
        Assert.Equal("agent:main:main", hello.Snapshot.SessionDefaults!.MainSessionKey);
        Assert.NotNull(hello.Snapshot.Health["ok"]);
    }

    [Fact]
    public async Task Connect_HelloOk_OmitsNullsForUnsetOptionals()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();
        await client.SendTextAsync(new JsonObject { ["type"] = "req", ["id"] = "c1", ["method"] = "connect", ["params"] = ConnectParamsBuilder.Cli() }.ToJsonString());

        var raw = await client.NextAsync(f => (string?)f["id"] == "c1");
        var payload = raw["payload"]!.AsObject();
        payload["snapshot"]!.AsObject().Remove("health"); // the health summary is the health provider's to shape

        Assert.DoesNotContain("null", payload.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongToken_InvalidRequestWithAuthDetailsAndClose1008()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.SendConnectAsync(ConnectParamsBuilder.Cli(token: "wrong"), id: "compat-connect-1");
        var (code, reason, _) = await client.WaitForCloseAsync();

        Assert.False(response.Ok);
        Assert.Equal("compat-connect-1", response.Id);
        Assert.Equal(ErrorCodes.InvalidRequest, response.Error!.Code);
        Assert.Equal(TokenMismatch, response.Error.Message);
        Assert.Equal(
            """{"code":"AUTH_TOKEN_MISMATCH","authReason":"token_mismatch","canRetryWithDeviceToken":false,"recommendedNextStep":"update_auth_credentials"}""",
            response.Error.Details!.ToJsonString());
        Assert.Equal(1008, code);
        Assert.Equal(TokenMismatch, reason);
    }

    [Fact]
    public async Task Connect_NoTokenNoDevice_AuthTokenMissing()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.SendConnectAsync(ConnectParamsBuilder.Cli(token: null));
        var (code, _, _) = await client.WaitForCloseAsync();

        Assert.Equal(ErrorCodes.InvalidRequest, response.Error!.Code);
        Assert.StartsWith("unauthorized: gateway token missing", response.Error.Message);
        Assert.Equal("AUTH_TOKEN_MISSING", (string?)response.Error.Details!["code"]);
        Assert.Equal("token_missing", (string?)response.Error.Details["authReason"]);
        Assert.Equal(1008, code);
    }

    [Fact]
    public async Task Connect_ProtocolOutOfRange_MismatchDetailsAndClose1002()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.SendConnectAsync(ConnectParamsBuilder.Build("cli", "cli", GatewayTestClient.DefaultToken, [OperatorScopes.Read], 99, 99));
        var (code, reason, _) = await client.WaitForCloseAsync();

        Assert.Equal(ErrorCodes.InvalidRequest, response.Error!.Code);
        Assert.Equal("protocol mismatch", response.Error.Message);
        Assert.Equal(
            """{"code":"PROTOCOL_MISMATCH","clientMinProtocol":99,"clientMaxProtocol":99,"expectedProtocol":4,"minimumProbeProtocol":3}""",
            response.Error.Details!.ToJsonString());
        Assert.Equal(1002, code);
        Assert.Equal("protocol mismatch", reason);
    }

    [Fact]
    public async Task Connect_ProbeWithProtocol3To4_AcceptedWithNoScopesAndNoPresence()
    {
        var probe = ConnectParamsBuilder.Build("cli", "probe", GatewayTestClient.DefaultToken, [OperatorScopes.Read], 3, 4);
        var (client, hello) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, probe);
        await using var ownedClient = client;

        Assert.Equal(4, hello.Protocol);
        Assert.Empty(hello.Auth.Scopes);
        Assert.Empty(hello.Snapshot.Presence);

        var presence = await client.RequestAsync("test.echo", new JsonObject());
        Assert.Equal(ErrorCodes.Forbidden, presence.Error!.Code);
    }

    [Fact]
    public async Task Connect_ProbeWithProtocol3Only_AcceptedAsProtocol3()
    {
        var probe = ConnectParamsBuilder.Build("cli", "probe", GatewayTestClient.DefaultToken, [], 3, 3);
        var (client, hello) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, probe);
        await using var ownedClient = client;

        Assert.Equal(3, hello.Protocol);
    }

    [Fact]
    public async Task Connect_OperatorWithProtocol3Only_Rejected()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.SendConnectAsync(ConnectParamsBuilder.Build("cli", "cli", GatewayTestClient.DefaultToken, [], 3, 3));

        Assert.Equal("protocol mismatch", response.Error!.Message);
        Assert.Equal(1002, (await client.WaitForCloseAsync()).Code);
    }

    [Fact]
    public async Task Connect_FirstRequestNotConnect_AnsweredWithItsIdAndClose1008()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.RequestAsync("health", new JsonObject(), id: "early-health");
        var (code, reason, _) = await client.WaitForCloseAsync();

        Assert.Equal("early-health", response.Id);
        Assert.Equal(ErrorCodes.InvalidRequest, response.Error!.Code);
        Assert.Equal("invalid handshake: first request must be connect", response.Error.Message);
        Assert.Null(response.Error.Details);
        Assert.Equal(1008, code);
        Assert.Equal("invalid handshake: first request must be connect", reason);
    }

    [Fact]
    public async Task Connect_NonJsonBeforeConnect_ClosedNormallyWithoutResponse()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        await client.SendTextAsync("this is not json {");
        var (code, _, frames) = await client.WaitForCloseAsync();

        Assert.Equal(1000, code);
        Assert.Empty(frames);
    }

    [Fact]
    public async Task Connect_InvalidFrameBeforeConnect_InvalidRequestFrameAndClose1008()
    {
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        await client.SendTextAsync("""{"type":"req","method":5}""");
        var (code, _, frames) = await client.WaitForCloseAsync();

        var response = Assert.Single(frames).Deserialize(ProtocolJson.Default.ResponseFrame)!;
        Assert.Equal("invalid", response.Id);
        Assert.Equal("invalid request frame: must have required property 'id'; at /method: must be string", response.Error!.Message);
        Assert.Equal(1008, code);
    }

    [Fact]
    public async Task Connect_UnknownProperty_InvalidConnectParamsAndClose1008()
    {
        var connect = ConnectParamsBuilder.Cli();
        connect["surprise"] = true;
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.SendConnectAsync(connect);
        var (code, reason, _) = await client.WaitForCloseAsync();

        Assert.Equal(ErrorCodes.InvalidRequest, response.Error!.Code);
        Assert.Equal("invalid connect params: at root: unexpected property 'surprise'", response.Error.Message);
        Assert.Equal(1008, code);
        Assert.Equal(response.Error.Message, reason);
    }

    [Theory]
    [InlineData("id", "ios-node", "invalid connect params: at /client/id: must be equal to one of the allowed values")]
    [InlineData("mode", "operator", "invalid connect params: at /client/mode: must be equal to one of the allowed values")]
    public async Task Connect_ClientOutsideEnum_InvalidConnectParams(string field, string value, string expected)
    {
        var connect = ConnectParamsBuilder.Cli();
        connect["client"]![field] = value;
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.SendConnectAsync(connect);

        Assert.Equal(expected, response.Error!.Message);
        Assert.Equal(1008, (await client.WaitForCloseAsync()).Code);
    }

    [Fact]
    public async Task Connect_MissingClientAndBadTypes_AllReasonsListed()
    {
        var connect = new JsonObject { ["minProtocol"] = "4", ["maxProtocol"] = 4 };
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.SendConnectAsync(connect);

        Assert.Equal("invalid connect params: must have required property 'client'; at /minProtocol: must be integer", response.Error!.Message);
    }

    [Fact]
    public async Task Connect_UnknownRole_InvalidRoleAndClose1008()
    {
        var connect = ConnectParamsBuilder.Cli();
        connect["role"] = "worker";
        await using var client = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await client.ReadChallengeAsync();

        var response = await client.SendConnectAsync(connect);
        var (code, reason, _) = await client.WaitForCloseAsync();

        Assert.Equal("invalid role", response.Error!.Message);
        Assert.Equal(1008, code);
        Assert.Equal("invalid role", reason);
    }

    [Fact]
    public async Task Connect_SecondConnectAfterHello_RejectedAndConnectionStaysOpen()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        var again = await client.SendConnectAsync(ConnectParamsBuilder.Cli());
        var echo = await client.RequestAsync("test.echo", new JsonObject { ["text"] = "still" });

        Assert.Equal(ErrorCodes.InvalidRequest, again.Error!.Code);
        Assert.Equal("connect is only valid as the first request", again.Error.Message);
        Assert.True(echo.Ok);
    }

    [Fact]
    public async Task Connect_RemoteBackendWithoutDevice_ScopesClearedOnlyForUntrustedClients()
    {
        var (ui, uiHello) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress,
            ConnectParamsBuilder.Build("openclaw-tui", "ui", GatewayTestClient.DefaultToken, [OperatorScopes.Read]));
        await using var ownedUi = ui;
        var (backend, backendHello) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress,
            ConnectParamsBuilder.Backend(scopes: [OperatorScopes.Read, OperatorScopes.Write]));
        await using var ownedBackend = backend;

        Assert.Empty(uiHello.Auth.Scopes);
        Assert.Equal([OperatorScopes.Read, OperatorScopes.Write], backendHello.Auth.Scopes);
    }
}
