using System.Text.Json.Nodes;
using OpenClaw.TestStubs;

namespace OpenClaw.Interop.Tests;

/// <summary>
/// The official OpenAI SDK (npm <c>openai</c>) doing a client-tool round trip on <c>/v1/chat/completions</c>, streamed
/// and not: the SDK offers a function tool, parses the model's call from <c>tool_calls</c> (assembling the streamed
/// <c>delta.tool_calls</c>), answers it with a <c>tool</c> message, and gets the agent's final answer, which saw the
/// tool result as the current message.
/// </summary>
public sealed class OpenAiSdkClientToolsTests(OpenAiSdkClientToolsFixture fixture) : IClassFixture<OpenAiSdkClientToolsFixture>
{
    [Theory]
    [InlineData("once")]
    [InlineData("stream")]
    public async Task OpenAiSdk_ClientToolRoundTrip_TheCallComesBackAndTheResultGetsAFinalAnswer(string mode)
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        fixture.QueueToolCall($"call_{mode}_1", "get_weather", """{"city":"Paris"}""");

        var result = await fixture.RunAsync(mode, user: $"sdk-{marker}", toolResult: $"sunny {marker}");

        var call = Assert.Single(result["toolCalls"]!.AsArray())!;
        Assert.Equal($"call_{mode}_1", call["id"]!.GetValue<string>());
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("get_weather", call["name"]!.GetValue<string>());
        Assert.Equal("""{"city":"Paris"}""", call["arguments"]!.GetValue<string>());
        Assert.Equal("tool_calls", result["firstFinishReason"]!.GetValue<string>());
        Assert.Equal(
            "echo: [Chat messages since your last reply - for context]\nUser: What is the weather in Paris?\n\n" +
            $"[Current message - respond to this]\nTool:get_weather: sunny {marker}",
            result["content"]!.GetValue<string>());
        Assert.Equal("stop", result["finishReason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("responses-once")]
    [InlineData("responses-stream")]
    public async Task OpenAiSdk_ResponsesClientToolRoundTrip_FunctionCallThenFunctionCallOutputWithPreviousResponseId(string mode)
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        fixture.QueueToolCall($"call_{mode}_1", "get_weather", """{"city":"Paris"}""");

        var result = await fixture.RunAsync(mode, user: "", toolResult: $"rainy {marker}");

        var call = Assert.Single(result["toolCalls"]!.AsArray())!;
        Assert.Equal($"call_{mode}_1", call["id"]!.GetValue<string>());
        Assert.Equal("get_weather", call["name"]!.GetValue<string>());
        Assert.Equal("""{"city":"Paris"}""", call["arguments"]!.GetValue<string>());
        Assert.Equal("completed", result["firstFinishReason"]!.GetValue<string>());
        Assert.Equal($"echo: rainy {marker}", result["content"]!.GetValue<string>());
        Assert.Equal("completed", result["finishReason"]!.GetValue<string>());
        // previous_response_id kept the follow-up in the first request's session: its transcript holds the call.
        var continued = fixture.ModelRequestWith($"rainy {marker}");
        Assert.Contains(continued.Body!["messages"]!.AsArray().OfType<JsonObject>(),
            m => m["role"]?.GetValue<string>() == "tool" && m["tool_call_id"]?.GetValue<string>() == $"call_{mode}_1");
    }
}

/// <summary>The gateway with both OpenAI-compatible endpoints enabled, driven by <c>openai-sdk-client-tools.mjs</c>.</summary>
public sealed class OpenAiSdkClientToolsFixture() : OpenAiSdkGatewayFixture(Token, "openai-sdk-client-tools.mjs", responsesEnabled: true)
{
    public const string Token = "interop-openai-client-tools-token-5e2a";

    /// <summary>The stub model answers the next request with this tool call (then echoes again).</summary>
    public void QueueToolCall(string id, string name, string argumentsJson) =>
        Stub.Enqueue(StubReply.WithToolCalls(new StubToolCall(id, name, argumentsJson)));

    public async Task<JsonObject> RunAsync(string mode, string user, string toolResult) =>
        LastJsonLine(await RunScriptAsync([mode, user, toolResult]));

    /// <summary>The newest model request carrying <paramref name="text"/>.</summary>
    public RecordedRequest ModelRequestWith(string text) =>
        Stub.Requests.LastOrDefault(r => r.Body?["messages"]?.ToJsonString().Contains(text, StringComparison.Ordinal) == true)
        ?? throw new Xunit.Sdk.XunitException($"the model received no request with \"{text}\"");
}
