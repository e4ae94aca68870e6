using System.Text.Json.Nodes;
using OpenClaw.Interop.Tests.Infrastructure;
using OpenClaw.TestStubs;

namespace OpenClaw.Interop.Tests;

/// <summary>
/// The official OpenAI SDK (npm <c>openai</c>, on the cached Node 24) against our gateway process with
/// <c>/v1/chat/completions</c> enabled: what an app built on the SDK sees, streaming and not. The gateway's agent
/// answers through a stub model (<c>echo: &lt;text&gt;</c>).
/// </summary>
public sealed class OpenAiSdkTests(OpenAiSdkFixture fixture) : IClassFixture<OpenAiSdkFixture>
{
    [Fact]
    public async Task OpenAiSdk_ChatCompletion_ParsesTheAgentsReply()
    {
        var result = await fixture.RunSdkAsync("openclaw", "hello from the sdk", stream: false);

        Assert.StartsWith("chatcmpl_", result["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", result["object"]!.GetValue<string>());
        Assert.Equal("assistant", result["role"]!.GetValue<string>());
        Assert.Equal("echo: hello from the sdk", result["content"]!.GetValue<string>());
        Assert.Equal("stop", result["finishReason"]!.GetValue<string>());
        Assert.True(result["usage"]!["total_tokens"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task OpenAiSdk_StreamedChatCompletion_AssemblesTheReplyFromChunks()
    {
        var result = await fixture.RunSdkAsync("openclaw/main", "stream from the sdk", stream: true);

        Assert.Equal("echo: stream from the sdk", result["content"]!.GetValue<string>());
        Assert.Equal("assistant", result["role"]!.GetValue<string>());
        Assert.Equal("stop", result["finishReason"]!.GetValue<string>());
        Assert.True(result["chunks"]!.GetValue<int>() >= 3);
        Assert.Single(result["ids"]!.AsArray());
        Assert.True(result["usage"]!["total_tokens"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task OpenAiSdk_UnsupportedModel_SurfacesTheGatewaysBadRequest()
    {
        var result = await fixture.RunSdkRawAsync("gpt-4o", "hi", stream: false);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("400", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("is not supported", result.StdErr, StringComparison.Ordinal);
    }
}

/// <summary>The gateway with <c>/v1/chat/completions</c> enabled, driven by <c>openai-sdk-chat.mjs</c>.</summary>
public sealed class OpenAiSdkFixture() : OpenAiSdkGatewayFixture(Token, "openai-sdk-chat.mjs", responsesEnabled: false)
{
    public const string Token = "interop-openai-token-3b7d0e";

    /// <summary>Runs the SDK script and parses the JSON it prints; a failed run fails the test with its output.</summary>
    public async Task<JsonObject> RunSdkAsync(string model, string message, bool stream) =>
        LastJsonLine(await RunSdkRawAsync(model, message, stream));

    public Task<ProcessResult> RunSdkRawAsync(string model, string message, bool stream) =>
        RunScriptAsync(stream ? [model, message, "stream"] : [model, message]);
}
