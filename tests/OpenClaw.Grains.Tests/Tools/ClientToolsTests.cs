using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Tools;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>How a run merges an HTTP client's tools with the agent's, answers calls to them and finds the calls to hand back.</summary>
public sealed class ClientToolsTests
{
    private static readonly ClientToolDefinition Weather = new("get_weather", "Weather", new JsonObject { ["type"] = "object" });

    [Fact]
    public void Merge_ClientToolsComeAfterTheAgentsAndAnAgentToolOfTheSameNameWins()
    {
        IReadOnlyList<IAgentTool> agent = [new FakeAgentTool("read")];

        var merged = ClientTools.Merge(agent, new ClientToolSet([Weather, new ClientToolDefinition("read", "shadow", [])]));

        Assert.Equal(["read", "get_weather"], merged.Select(t => t.Name));
        Assert.IsType<FakeAgentTool>(merged[0]);
        Assert.Equal("Weather", merged[1].Description);
        Assert.Same(agent, ClientTools.Merge(agent, null));
    }

    [Fact]
    public async Task ClientTool_Invoked_RecordsAPendingResultWithoutRunningAnything()
    {
        var tool = ClientTools.Merge([], new ClientToolSet([Weather])).Single();

        var result = await tool.InvokeAsync(new JsonObject { ["city"] = "Paris" }, null!, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(result.IsError);
        var body = JsonNode.Parse(result.Content)!;
        Assert.Equal("pending", body["status"]!.GetValue<string>());
        Assert.Equal("get_weather", body["tool"]!.GetValue<string>());
    }

    [Fact]
    public void PendingCalls_AreTheCallsToClientToolsInOrderWithTheirArgumentsAsJsonText()
    {
        var tools = ClientTools.Merge([new FakeAgentTool("read")], new ClientToolSet([Weather]));
        ToolCallPart[] calls =
        [
            new("c1", "read", new JsonObject { ["path"] = "a" }),
            new("c2", "get_weather", new JsonObject { ["city"] = "Paris" }),
        ];

        var pending = ClientTools.PendingCalls(tools, calls);

        Assert.Equal([new PendingToolCall("c2", "get_weather", """{"city":"Paris"}""")], pending);
        Assert.Empty(ClientTools.PendingCalls(tools, [calls[0]]));
    }

    [Fact]
    public void ChoiceFor_AppliesToTheFirstModelCallOnly()
    {
        var set = new ClientToolSet([Weather], new ClientToolChoice(ClientToolChoice.Required));

        Assert.Equal(ClientToolChoice.Required, ClientTools.ChoiceFor(set, 1)?.Mode);
        Assert.Null(ClientTools.ChoiceFor(set, 2));
        Assert.Null(ClientTools.ChoiceFor(null, 1));
    }

    private sealed class FakeAgentTool(string name) : IAgentTool
    {
        public string Name => name;
        public string Description => "agent tool";
        public JsonObject ParametersSchema => new() { ["type"] = "object" };

        public Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new ToolResult("ran"));
    }
}
