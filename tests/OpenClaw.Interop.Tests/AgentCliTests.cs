using System.Text.Json.Nodes;
using OpenClaw.Interop.Tests.Infrastructure;

namespace OpenClaw.Interop.Tests;

/// <summary>
/// The real CLI's agent turn through our gateway process (capture 14): <c>openclaw agent</c> (agents.list, then
/// <c>agent</c> with expectFinal, which skips the accepted frame and prints the final result), then the transcript
/// through <c>gateway call chat.history</c>.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class AgentCliTests(InteropFixture fixture)
{
    private const string SessionKey = "agent:main:interop-agent";

    [Fact]
    public async Task OpenClawAgent_RemoteConfig_PrintsTheModelReplyAndHistoryHasBothMessages()
    {
        var config = OpenClawCli.RemoteConfig(fixture.Gateway.WebSocketUrl, InteropFixture.Token);

        var agent = await fixture.Cli.RunAsync(
            ["agent", "--session-key", SessionKey, "--message", "hello there", "--json"], config, TimeSpan.FromSeconds(120));

        Assert.True(agent.ExitCode == 0, $"{agent}\n--- gateway ---\n{fixture.Gateway.Output}");
        var result = OpenClawCli.ParseJsonOutput(agent);
        Assert.Equal("ok", (string?)result["status"]);
        Assert.Equal("echo: hello there", (string?)result["result"]?["payloads"]?[0]?["text"]);

        var call = await fixture.GatewayCallAsync("chat.history", $$"""{"sessionKey":"{{SessionKey}}"}""");

        Assert.True(call.ExitCode == 0, call.ToString());
        var history = OpenClawCli.ParseJsonOutput(call);
        var messages = Assert.IsType<JsonArray>(history["messages"]);
        Assert.Equal(2, messages.Count);
        Assert.Equal("user", (string?)messages[0]?["role"]);
        Assert.Equal("hello there", (string?)messages[0]?["content"]);
        Assert.Equal("assistant", (string?)messages[1]?["role"]);
        Assert.Equal("echo: hello there", (string?)messages[1]?["content"]?[0]?["text"]);
    }
}
