using System.Net.WebSockets;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Requests after hello: scope checks with implications, unknown methods, frame guards (captures 25–27).</summary>
[Collection(GatewayCollection.Name)]
public sealed class RpcDispatchTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Request_ReadClientCallsAdminMethod_ForbiddenMissingScope()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var ownedClient = client;

        var response = await client.RequestAsync("test.admin", new JsonObject());

        Assert.Equal(ErrorCodes.Forbidden, response.Error!.Code);
        Assert.Equal("missing scope: operator.admin", response.Error.Message);
        Assert.Equal("""{"code":"MISSING_SCOPE","missingScope":"operator.admin","requiredScopes":["operator.admin"]}""", response.Error.Details!.ToJsonString());
    }

    [Theory]
    [InlineData(OperatorScopes.Write, "test.echo", true)]          // write ⇒ read
    [InlineData(OperatorScopes.Write, "test.sessions", true)]      // write ⇒ sessions.read
    [InlineData(OperatorScopes.Read, "test.sessions", true)]       // read ⇒ sessions.read
    [InlineData(OperatorScopes.SessionsWrite, "test.sessions", true)]
    [InlineData(OperatorScopes.SessionsWrite, "test.echo", false)]
    [InlineData(OperatorScopes.Admin, "test.admin", true)]
    [InlineData(OperatorScopes.Admin, "test.sessions", true)]       // admin ⇒ all
    [InlineData(OperatorScopes.Approvals, "test.echo", false)]
    public async Task Request_ScopeImplications_Applied(string scope, string method, bool allowed)
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, ConnectParamsBuilder.Cli(scopes: scope));
        await using var ownedClient = client;

        var response = await client.RequestAsync(method, new JsonObject());

        Assert.Equal(allowed, response.Ok);
        if (!allowed)
        {
            Assert.Equal(ErrorCodes.Forbidden, response.Error!.Code);
        }
    }

    [Fact]
    public async Task Request_OpenMethodWithNoScopes_Allowed()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress,
            ConnectParamsBuilder.Build("cli", "probe", GatewayTestClient.DefaultToken, [], 3, 4));
        await using var ownedClient = client;

        Assert.True((await client.RequestAsync("test.open")).Ok);
    }

    [Fact]
    public async Task Request_NodeMethodFromOperator_UnauthorizedRole()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        var response = await client.RequestAsync("test.node", new JsonObject());

        Assert.Equal(ErrorCodes.InvalidRequest, response.Error!.Code);
        Assert.Equal("unauthorized role: operator", response.Error.Message);
    }

    [Fact]
    public async Task Request_UnknownMethodAsAdmin_UnknownMethod()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        var response = await client.RequestAsync("compat.no_such_method_8113cb55", new JsonObject());

        Assert.Equal(ErrorCodes.InvalidRequest, response.Error!.Code);
        Assert.Equal("unknown method: compat.no_such_method_8113cb55", response.Error.Message);
        Assert.Null(response.Error.Details);
    }

    [Fact]
    public async Task Request_UnknownMethodWithoutAdmin_NeedsAdminScope()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var ownedClient = client;

        var response = await client.RequestAsync("no.such.method");

        Assert.Equal("missing scope: operator.admin", response.Error!.Message);
    }

    [Fact]
    public async Task Request_InvalidFrameShape_AnsweredAsInvalidAndConnectionKeepsWorking()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        await client.SendTextAsync("""{"type":"req","method":5}""");
        var invalid = await client.ResponseAsync("invalid");
        var after = await client.RequestAsync("test.echo", new JsonObject { ["text"] = "ok" }, id: "after-invalid");

        Assert.Equal(ErrorCodes.InvalidRequest, invalid.Error!.Code);
        Assert.Equal("invalid request frame: must have required property 'id'; at /method: must be string", invalid.Error.Message);
        Assert.True(after.Ok);
    }

    [Fact]
    public async Task Request_BinaryFrame_TreatedAsInvalid()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        await client.SendAsync("""{"type":"req","id":"b","method":"test.echo"}"""u8.ToArray(), WebSocketMessageType.Binary);
        var invalid = await client.ResponseAsync("invalid");

        Assert.StartsWith("invalid request frame:", invalid.Error!.Message);
        Assert.True((await client.RequestAsync("test.echo", new JsonObject())).Ok);
    }

    [Fact]
    public async Task Request_NonJsonAfterHello_IgnoredWithoutResponse()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        await client.SendTextAsync("this is not json {");
        var after = await client.RequestAsync("test.echo", new JsonObject { ["text"] = "after" }, id: "after-garbage");

        // Anything the garbage provoked would have been queued before this response.
        Assert.True(after.Ok);
        Assert.DoesNotContain(client.Stashed, f => (string?)f["type"] == "res");
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Request_BadParams_InvalidMethodParams()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        var unknown = await client.RequestAsync("test.echo", new JsonObject { ["nope"] = 1 });
        var tooLong = await client.RequestAsync("test.echo", new JsonObject { ["text"] = "far too long text" });
        var wrongType = await client.RequestAsync("test.echo", new JsonObject { ["text"] = 5 });

        Assert.Equal("invalid test.echo params: at root: unexpected property 'nope'", unknown.Error!.Message);
        Assert.StartsWith("invalid test.echo params: ", tooLong.Error!.Message);
        Assert.Contains("Text", tooLong.Error.Message);
        Assert.Equal("invalid test.echo params: at /text: has an invalid type or value", wrongType.Error!.Message);
    }

    [Fact]
    public async Task Request_HandlerThrows_GenericUnavailableWithoutInternals()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        var response = await client.RequestAsync("test.fail", new JsonObject());

        Assert.Equal(ErrorCodes.Unavailable, response.Error!.Code);
        Assert.DoesNotContain("secret", response.Error.Message);
    }

    [Fact]
    public async Task Request_InterimResponse_SameIdAnsweredTwice()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        var first = await client.RequestAsync("test.twice", new JsonObject(), id: "two");
        var second = await client.ResponseAsync("two");

        Assert.Equal("accepted", first.Payload!.Value.GetProperty("text").GetString());
        Assert.Equal("final", second.Payload!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Request_SlowAndFastConcurrently_ResponsesOutOfOrder()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedClient = client;

        await client.SendTextAsync("""{"type":"req","id":"slow","method":"test.delay","params":{"milliseconds":1500,"text":"slow"}}""");
        await client.SendTextAsync("""{"type":"req","id":"fast","method":"test.delay","params":{"milliseconds":0,"text":"fast"}}""");
        var first = await client.NextAsync(f => (string?)f["type"] == "res");

        Assert.Equal("fast", (string?)first["id"]);
        Assert.True((await client.ResponseAsync("slow")).Ok);
    }

    [Fact]
    public async Task Request_BadClientConnection_OtherConnectionsUnaffected()
    {
        var (good, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var ownedGood = good;
        await using var bad = await GatewayTestClient.OpenAsync(fixture.BaseAddress);
        await bad.ReadChallengeAsync();

        await bad.SendAsync(new byte[70 * 1024], WebSocketMessageType.Text);
        Assert.Equal(1009, (await bad.WaitForCloseAsync()).Code);

        Assert.True((await good.RequestAsync("test.echo", new JsonObject())).Ok);
    }
}
