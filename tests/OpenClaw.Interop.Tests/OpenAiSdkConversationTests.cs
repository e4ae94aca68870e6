using System.Text.Json.Nodes;
using OpenClaw.Interop.Tests.Infrastructure;
using OpenClaw.TestStubs;

namespace OpenClaw.Interop.Tests;

/// <summary>
/// The official OpenAI SDK (npm <c>openai</c>) sending a whole conversation, as apps that keep their own history do,
/// through <c>/v1/chat/completions</c> and <c>/v1/responses</c>, streamed and not: the gateway's agent gets the
/// earlier turns as a context block before the current message (what the stub model received shows it) and the SDK
/// parses the answer (<c>echo: &lt;that prompt&gt;</c>).
/// </summary>
public sealed class OpenAiSdkConversationTests(OpenAiSdkConversationFixture fixture) : IClassFixture<OpenAiSdkConversationFixture>
{
    [Theory]
    [InlineData("once")]
    [InlineData("stream")]
    public async Task OpenAiSdk_ChatConversation_TheAgentAnswersTheLastTurnWithTheEarlierOnesAsContext(string mode)
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        var request = new JsonObject
        {
            ["model"] = "openclaw",
            ["messages"] = new JsonArray(
                Message("system", "You are terse."),
                Message("user", "What is the capital of France?"),
                Message("assistant", "Paris."),
                Message("user", $"And of Italy? {marker}")),
        };

        var result = await fixture.RunAsync("chat", mode, request);

        var prompt = fixture.UserTextSentToTheModel(marker);
        Assert.Equal(
            "[Chat messages since your last reply - for context]\nUser: What is the capital of France?\nAssistant: Paris.\n\n" +
            $"[Current message - respond to this]\nUser: And of Italy? {marker}",
            prompt);
        Assert.Equal($"echo: {prompt}", result["content"]!.GetValue<string>());
        Assert.Equal("stop", result["finishReason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("once")]
    [InlineData("stream")]
    public async Task OpenAiSdk_ResponsesConversation_TheAgentAnswersTheLastTurnWithTheEarlierOnesAsContext(string mode)
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        var request = new JsonObject
        {
            ["model"] = "openclaw",
            ["instructions"] = "You are terse.",
            ["input"] = new JsonArray(
                new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = "Name a color." },
                new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = "Blue." },
                new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = $"Another? {marker}" }) }),
        };

        var result = await fixture.RunAsync("responses", mode, request);

        var prompt = fixture.UserTextSentToTheModel(marker);
        Assert.Equal(
            $"[Chat messages since your last reply - for context]\nUser: Name a color.\nAssistant: Blue.\n\n[Current message - respond to this]\nUser: Another? {marker}",
            prompt);
        Assert.Equal($"echo: {prompt}", result["content"]!.GetValue<string>());
        Assert.Equal("completed", result["status"]!.GetValue<string>());
        if (mode == "stream")
        {
            var types = result["types"]!.AsArray().Select(t => t!.GetValue<string>()).Where(t => t != "response.output_text.delta").ToList();
            Assert.Equal(
                ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                 "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
                types);
        }
    }

    private static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };
}

/// <summary>The gateway with both OpenAI-compatible endpoints enabled, driven by <c>openai-sdk-conversation.mjs</c>.</summary>
public sealed class OpenAiSdkConversationFixture() : OpenAiSdkGatewayFixture(Token, "openai-sdk-conversation.mjs", responsesEnabled: true)
{
    public const string Token = "interop-openai-conversation-token-8c1f";

    /// <summary>Runs the SDK script and parses the JSON it prints; a failed run fails the test with its output.</summary>
    public async Task<JsonObject> RunAsync(string api, string mode, JsonObject request) =>
        LastJsonLine(await RunScriptAsync([api, mode, request.ToJsonString()]));

    /// <summary>The last user message of the model request that carries <paramref name="marker"/>.</summary>
    public string UserTextSentToTheModel(string marker)
    {
        var texts = Stub.Requests
            .Select(r => (r.Body?["messages"] as JsonArray)?.OfType<JsonObject>().LastOrDefault(m => m["role"]?.GetValue<string>() == "user"))
            .Select(m => m?["content"] switch
            {
                JsonValue value => value.GetValue<string>(),
                JsonArray parts => string.Join("\n", parts.OfType<JsonObject>().Where(p => p["type"]?.GetValue<string>() == "text").Select(p => p["text"]!.GetValue<string>())),
                _ => null,
            })
            .Where(t => t is not null && t.Contains(marker, StringComparison.Ordinal))
            .ToList();
        Assert.True(texts.Count > 0, $"the model received no request with \"{marker}\"");
        return texts[^1]!;
    }
}
