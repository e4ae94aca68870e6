using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Tests.Models.Support;
using OpenClaw.TestStubs;

namespace OpenClaw.Grains.Tests.Models;

/// <summary>The Anthropic client (official SDK) against the Anthropic stub: content blocks, stream events, thinking, errors.</summary>
public sealed class AnthropicModelClientTests : IAsyncLifetime
{
    private readonly ModelHarness _harness = new();
    private AnthropicStubServer _stub = null!;
    private IModelClient _client = null!;

    public async Task InitializeAsync()
    {
        _stub = await AnthropicStubServer.StartAsync();
        _client = _harness.Client(new ModelConfigs().Anthropic("an", _stub, "m1").Snapshot(), "an");
    }

    public async Task DisposeAsync()
    {
        await _stub.DisposeAsync();
        _harness.Dispose();
    }

    [Fact]
    public async Task StreamAsync_TextChunks_YieldsDeltasThenUsageThenStop()
    {
        _stub.Enqueue(new StubReply { TextChunks = ["Hel", "lo", "!"], Usage = new StubUsage(12, 3) });

        var updates = await ModelHarness.CollectAsync(_client, ModelHarness.Ask("hi") with { SystemPrompt = "be brief" });

        Assert.Equal(["Hel", "lo", "!"], updates.OfType<TextDelta>().Select(d => d.Text));
        Assert.Equal(new UsageInfo(12, 3), Assert.Single(updates.OfType<UsageReported>()).Usage);
        Assert.Equal(new ResponseCompleted("stop"), updates[^1]);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.True(request.IsStreaming);
        Assert.Equal("Bearer sk-test-an", request.Header("authorization"));
        Assert.NotNull(request.Header("anthropic-version"));
        Assert.Equal("be brief", request.Body!["system"]!.GetValue<string>());
        Assert.Equal(4096, request.Body["max_tokens"]!.GetValue<int>());
        Assert.Null(request.Body["thinking"]);
    }

    [Fact]
    public async Task StreamAsync_NothingScripted_EchoesLastUserText()
    {
        var updates = await ModelHarness.CollectAsync(_client, ModelHarness.Ask("compat chat"));

        Assert.Equal("echo: compat chat", ModelHarness.TextOf(updates));
    }

    [Fact]
    public async Task StreamAsync_ToolUseBlocks_AssemblesCallsFromInputJsonDeltas()
    {
        _stub.Enqueue(new StubReply
        {
            TextChunks = ["Checking."],
            ToolCalls =
            [
                new StubToolCall("toolu_1", "get_weather", """{"city":"Paris","days":3}""") { Fragments = 4 },
                new StubToolCall("toolu_2", "read", """{"path":"notes.md"}"""),
            ],
        });

        var updates = await ModelHarness.CollectAsync(_client, ModelHarness.Ask("weather?"));

        Assert.Equal("Checking.", ModelHarness.TextOf(updates));
        var calls = updates.OfType<ToolCallRequested>().ToList();
        Assert.Equal(["toolu_1", "toolu_2"], calls.Select(c => c.Id));
        Assert.Equal("get_weather", calls[0].Name);
        Assert.Equal("Paris", calls[0].Arguments["city"]!.GetValue<string>());
        Assert.Equal(3, calls[0].Arguments["days"]!.GetValue<int>());
        Assert.Equal("notes.md", calls[1].Arguments["path"]!.GetValue<string>());
        Assert.Equal(new ResponseCompleted("toolUse"), updates[^1]);
    }

    [Fact]
    public async Task StreamAsync_ToolResultRoundTrip_SendsToolUseAndMergedToolResultBlocks()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")!.AsObject();
        var request = new ModelRequest
        {
            Model = "m1",
            Tools = [new ToolDefinition("get_weather", "Current weather", schema)],
            Messages =
            [
                ChatMessage.User("weather in Paris and Rome?", 1),
                new ChatMessage
                {
                    Role = ChatRoles.Assistant,
                    Content =
                    [
                        new ThinkingPart("two cities"),
                        new TextPart("Checking both."),
                        new ToolCallPart("toolu_1", "get_weather", new JsonObject { ["city"] = "Paris" }),
                        new ToolCallPart("toolu_2", "get_weather", new JsonObject { ["city"] = "Rome" }),
                    ],
                },
                new ChatMessage { Role = ChatRoles.ToolResult, ToolCallId = "toolu_1", Content = [new TextPart("18C")] },
                new ChatMessage { Role = ChatRoles.ToolResult, ToolCallId = "toolu_2", IsError = true, Content = [new TextPart("unknown city")] },
            ],
        };

        await ModelHarness.CollectAsync(_client, request);

        var body = Assert.Single(_stub.Requests).Body!;
        var tool = body["tools"]!.AsArray().Single()!;
        Assert.Equal("get_weather", tool["name"]!.GetValue<string>());
        Assert.Equal("city", tool["input_schema"]!["required"]![0]!.GetValue<string>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        var assistantBlocks = messages[1]!["content"]!.AsArray();
        Assert.Equal(["text", "tool_use", "tool_use"], assistantBlocks.Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("toolu_1", assistantBlocks[1]!["id"]!.GetValue<string>());
        Assert.Equal("Rome", assistantBlocks[2]!["input"]!["city"]!.GetValue<string>());
        var results = messages[2]!["content"]!.AsArray();
        Assert.Equal(["toolu_1", "toolu_2"], results.Select(b => b!["tool_use_id"]!.GetValue<string>()));
        Assert.All(results, b => Assert.Equal("tool_result", b!["type"]!.GetValue<string>()));
        Assert.Equal("18C", results[0]!["content"]!.GetValue<string>());
        Assert.True(results[1]!["is_error"]!.GetValue<bool>());
    }

    [Fact]
    public async Task StreamAsync_UserImage_SendsBase64ImageBlock()
    {
        var request = new ModelRequest
        {
            Model = "m1",
            Messages = [new ChatMessage { Role = ChatRoles.User, Content = [new TextPart("what is this?"), new ImagePart("iVBORw0KGgo=", "image/png")] }],
        };

        await ModelHarness.CollectAsync(_client, request);

        var image = Assert.Single(_stub.Requests).Body!["messages"]![0]!["content"]![1]!;
        Assert.Equal("image", image["type"]!.GetValue<string>());
        Assert.Equal("base64", image["source"]!["type"]!.GetValue<string>());
        Assert.Equal("image/png", image["source"]!["media_type"]!.GetValue<string>());
        Assert.Equal("iVBORw0KGgo=", image["source"]!["data"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("minimal", 1024, 4096)]
    [InlineData("low", 2048, 4096)]
    [InlineData("medium", 8192, 12288)]
    [InlineData("high", 16384, 20480)]
    public async Task StreamAsync_ThinkingLevel_SendsBudgetBelowMaxTokens(string level, int budget, int maxTokens)
    {
        await ModelHarness.CollectAsync(_client, ModelHarness.Ask("think") with { Thinking = level });

        var body = Assert.Single(_stub.Requests).Body!;
        Assert.Equal("enabled", body["thinking"]!["type"]!.GetValue<string>());
        Assert.Equal(budget, body["thinking"]!["budget_tokens"]!.GetValue<int>());
        Assert.Equal(maxTokens, body["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task StreamAsync_ThinkingDeltas_YieldThinkingBeforeText()
    {
        _stub.Enqueue(new StubReply { ThinkingChunks = ["Let me ", "think."], TextChunks = ["Done."] });

        var updates = await ModelHarness.CollectAsync(_client, ModelHarness.Ask("x") with { Thinking = "low" });

        Assert.Equal(["Let me ", "think."], updates.OfType<ThinkingDelta>().Select(d => d.Text));
        Assert.True(updates.FindIndex(u => u is ThinkingDelta) < updates.FindIndex(u => u is TextDelta));
    }

    [Fact]
    public async Task StreamAsync_ModelMaxTokensConfigured_UsesIt()
    {
        var client = _harness.Client(new ModelConfigs().Add("an", _stub.BaseUrl, "anthropic-messages", ["m1"], maxTokens: 1000).Snapshot(), "an");

        await ModelHarness.CollectAsync(client, ModelHarness.Ask("x"));

        Assert.Equal(1000, Assert.Single(_stub.Requests).Body!["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task StreamAsync_MaxTokensStop_ReportsLength()
    {
        _stub.Enqueue(new StubReply { TextChunks = ["cut"], StopReason = "max_tokens" });

        var updates = await ModelHarness.CollectAsync(_client, ModelHarness.Ask("long"));

        Assert.Equal(new ResponseCompleted("length"), updates[^1]);
    }

    [Theory]
    [InlineData(401, "invalid x-api-key", ModelErrorKind.Auth)]
    [InlineData(400, "prompt is too long: 300000 tokens > 200000 maximum", ModelErrorKind.ContextLength)]
    [InlineData(400, "messages: roles must alternate", ModelErrorKind.BadRequest)]
    [InlineData(429, "Number of request tokens has exceeded your rate limit", ModelErrorKind.RateLimit)]
    [InlineData(529, "Overloaded", ModelErrorKind.Unavailable)]
    [InlineData(500, "Internal server error", ModelErrorKind.Unavailable)]
    public async Task StreamAsync_HttpError_ClassifiesKind(int status, string message, ModelErrorKind expected)
    {
        _stub.Enqueue(StubReply.Fail(status, message));

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(_client, ModelHarness.Ask("x")));

        Assert.Equal(expected, failure.Kind);
        Assert.Contains("an/m1", failure.Message);
    }

    [Fact]
    public async Task StreamAsync_RateLimitWithRetryAfter_CarriesTheDelay()
    {
        _stub.Enqueue(StubReply.RateLimited(TimeSpan.FromSeconds(3)));

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(_client, ModelHarness.Ask("x")));

        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
    }

    [Fact]
    public async Task StreamAsync_NoAnswerWithinProviderTimeout_IsTimeout()
    {
        _stub.Enqueue(new StubReply { TextChunks = ["late"], ResponseDelay = TimeSpan.FromSeconds(5) });
        var client = _harness.Client(new ModelConfigs().Add("an", _stub.BaseUrl, "anthropic-messages", ["m1"], timeoutSeconds: 1).Snapshot(), "an");

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(client, ModelHarness.Ask("x")));

        Assert.Equal(ModelErrorKind.Timeout, failure.Kind);
        Assert.Contains("timeoutSeconds", failure.Message);
    }
    [Fact]
    public async Task StreamAsync_StreamCutShort_FailsAfterThePartialText()
    {
        _stub.Enqueue(new StubReply { TextChunks = ["partial", " never"], TruncateAfterChunks = 1 });
        var seen = new List<ModelStreamUpdate>();

        var failure = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in _client.StreamAsync(ModelHarness.Ask("x"), CancellationToken.None))
                seen.Add(update);
        }).WaitAsync(ModelHarness.Timeout);

        Assert.Equal(ModelErrorKind.Unavailable, failure.Kind);
        Assert.Equal("partial", ModelHarness.TextOf(seen));
        Assert.DoesNotContain(seen, u => u is ResponseCompleted);
    }
}
