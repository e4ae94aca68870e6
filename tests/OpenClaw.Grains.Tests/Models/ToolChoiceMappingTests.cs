using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Tests.Models.Support;
using OpenClaw.TestStubs;

namespace OpenClaw.Grains.Tests.Models;

/// <summary>
/// A client's <c>tool_choice</c> (<see cref="ModelRequest.ToolChoice"/>) as each provider client puts it on the wire,
/// read back from what the stubs received: OpenAI <c>auto</c>/<c>required</c>/<c>{type:function,function:{name}}</c>,
/// Anthropic <c>{type:auto}</c>/<c>{type:any}</c>/<c>{type:tool,name}</c>; none without tools or without a choice.
/// </summary>
public sealed class ToolChoiceMappingTests : IAsyncLifetime
{
    private static readonly ToolDefinition Weather = new("get_weather", "Weather of a city",
        new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } } });

    private readonly ModelHarness _harness = new();
    private OpenAiStubServer _openAi = null!;
    private AnthropicStubServer _anthropic = null!;

    public async Task InitializeAsync()
    {
        _openAi = await OpenAiStubServer.StartAsync();
        _anthropic = await AnthropicStubServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _openAi.DisposeAsync();
        await _anthropic.DisposeAsync();
        _harness.Dispose();
    }

    [Theory]
    [InlineData(ClientToolChoice.Auto, null, "\"auto\"")]
    [InlineData(ClientToolChoice.Required, null, "\"required\"")]
    [InlineData(ClientToolChoice.Function, "get_weather", """{"type":"function","function":{"name":"get_weather"}}""")]
    public async Task OpenAi_ToolChoice_IsSentAsOpenAisToolChoice(string mode, string? name, string expected)
    {
        var client = _harness.Client(new ModelConfigs().OpenAi("oa", _openAi, "m1").Snapshot(), "oa");

        await ModelHarness.CollectAsync(client, ModelHarness.Ask("hi") with { Tools = [Weather], ToolChoice = new ClientToolChoice(mode, name) });

        var request = Assert.Single(_openAi.Requests);
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), request.ToolChoice!.ToJsonString());
        Assert.Equal(["get_weather"], request.OfferedToolNames);
    }

    [Theory]
    [InlineData(ClientToolChoice.Auto, null, """{"type":"auto"}""")]
    [InlineData(ClientToolChoice.Required, null, """{"type":"any"}""")]
    [InlineData(ClientToolChoice.Function, "get_weather", """{"type":"tool","name":"get_weather"}""")]
    public async Task Anthropic_ToolChoice_IsSentAsAnthropicsToolChoice(string mode, string? name, string expected)
    {
        var client = _harness.Client(new ModelConfigs().Anthropic("an", _anthropic, "m1").Snapshot(), "an");

        await ModelHarness.CollectAsync(client, ModelHarness.Ask("hi") with { Tools = [Weather], ToolChoice = new ClientToolChoice(mode, name) });

        var request = Assert.Single(_anthropic.Requests);
        var sent = request.ToolChoice!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(expected)!.AsObject())
            Assert.Equal(value!.ToJsonString(), sent[key]!.ToJsonString());
        Assert.Equal(["get_weather"], request.OfferedToolNames);
    }

    [Fact]
    public async Task NoChoice_OrNoTools_SendsNoToolChoice()
    {
        var openAi = _harness.Client(new ModelConfigs().OpenAi("oa", _openAi, "m1").Snapshot(), "oa");
        var anthropic = _harness.Client(new ModelConfigs().Anthropic("an", _anthropic, "m1").Snapshot(), "an");

        await ModelHarness.CollectAsync(openAi, ModelHarness.Ask("a") with { Tools = [Weather] });
        await ModelHarness.CollectAsync(openAi, ModelHarness.Ask("b") with { ToolChoice = new ClientToolChoice(ClientToolChoice.Required) });
        await ModelHarness.CollectAsync(anthropic, ModelHarness.Ask("c") with { Tools = [Weather] });
        await ModelHarness.CollectAsync(anthropic, ModelHarness.Ask("d") with { ToolChoice = new ClientToolChoice(ClientToolChoice.Required) });

        Assert.All(_openAi.Requests.Concat(_anthropic.Requests), r => Assert.False(r.Body!.ContainsKey("tool_choice")));
    }
}
