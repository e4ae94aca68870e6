using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>models.list (capture 22) and agents.list from the configured providers and agents.</summary>
public sealed class ModelsAndAgentsMethodsTests(FoundationGatewayFixture fixture) : IClassFixture<FoundationGatewayFixture>
{
    [Fact]
    public async Task ModelsList_CliParams_ReturnsEveryFieldTheCliReads()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("models.list", new JsonObject { ["view"] = "default", ["includeDetails"] = true });

        var models = Field.Array(result, "models").Select(m => m!.AsObject()).ToList();
        Assert.Equal(["big", "stub-echo"], models.Select(m => Field.String(m, "id")));
        var stub = models.Single(m => (string?)m["id"] == "stub-echo");
        Assert.Equal("Stub Echo", Field.String(stub, "name"));
        Assert.Equal("stub", Field.String(stub, "provider"));
        Assert.Equal(128000, Field.Number(stub, "contextWindow"));
        Assert.Equal(["text"], Field.Array(stub, "input").Select(i => i!.GetValue<string>()));
        Assert.True(Field.Bool(stub, "local"));
        Assert.True(Field.Bool(stub, "available"));
        Assert.False(Field.Bool(stub, "reasoning"));
        Assert.Equal(["default"], Field.Array(stub, "tags").Select(t => t!.GetValue<string>()));

        var big = models.Single(m => (string?)m["id"] == "big");
        Assert.Equal("big", Field.String(big, "name"));
        Assert.False(big.ContainsKey("contextWindow"), "unset optionals are omitted, not null");
        Assert.False(Field.Bool(big, "local"));
        Assert.False(Field.Bool(big, "available"));
        Assert.True(Field.Bool(big, "reasoning"));
        Assert.Empty(Field.Array(big, "tags"));
    }

    [Fact]
    public async Task ModelsList_ForAgent_TagsThatAgentsPrimaryModel()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("models.list", new JsonObject { ["agentId"] = "ops" });

        var tagged = Field.Array(result, "models").Where(m => m!["tags"]!.AsArray().Count > 0).Select(m => (string?)m!["id"]);
        Assert.Equal(["big"], tagged);
    }

    [Fact]
    public async Task ModelsList_ProviderAndAllView_ListsOnlyThatProvider()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("models.list", new JsonObject { ["view"] = "all", ["provider"] = "remote", ["includeDetails"] = true });

        Assert.Equal(["big"], Field.Array(result, "models").Select(m => (string?)m!["id"]));
    }

    [Fact]
    public async Task ModelsList_UnknownView_IsInvalidRequest()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("models.list", new JsonObject { ["view"] = "everything" });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.StartsWith("invalid models.list params", (string?)error["message"]);
    }

    [Fact]
    public async Task ModelsList_UnknownAgent_IsInvalidRequestWithUnknownAgentIdCode()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var error = await client.CallErrorAsync("models.list", new JsonObject { ["agentId"] = "ghost" });

        Assert.Equal(ErrorCodes.InvalidRequest, (string?)error["code"]);
        Assert.Equal("UNKNOWN_AGENT_ID", (string?)error["details"]?["code"]);
    }

    [Fact]
    public async Task AgentsList_ReturnsEveryFieldTheCliReads()
    {
        await using var client = await fixture.ConnectReaderAsync();

        var result = await client.CallOkAsync("agents.list", new JsonObject());

        Assert.Equal("main", Field.String(result, "defaultId"));
        Assert.Equal("main", Field.String(result, "mainKey"));
        Assert.Equal("per-sender", Field.String(result, "scope"));
        Assert.Equal("explicit", Field.String(result, "ownership"));
        Assert.False(Field.Bool(result, "selectionRequired"));
        var agents = Field.Array(result, "agents").Select(a => a!.AsObject()).ToList();
        Assert.Equal(["main", "ops"], agents.Select(a => Field.String(a, "id")));
        Assert.Equal(["id"], agents[0].Select(p => p.Key));
        var ops = agents[1];
        Assert.Equal("Ops", Field.String(ops, "name"));
        Assert.Equal("/tmp/ops-workspace", Field.String(ops, "workspace"));
        Assert.Equal("🛠", (string?)Field.Object(ops, "identity")["emoji"]);
        var model = Field.Object(ops, "model");
        Assert.Equal("remote/big", Field.String(model, "primary"));
        Assert.Equal(["stub/stub-echo"], Field.Array(model, "fallbacks").Select(f => f!.GetValue<string>()));
    }
}
