using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Tests.Models.Support;
using OpenClaw.TestStubs;

namespace OpenClaw.Grains.Tests.Models;

/// <summary>The OpenAI client (official SDK) against the OpenAI stub: mapping in both directions, streaming, errors.</summary>
public sealed class OpenAiModelClientTests : IAsyncLifetime
{
    private readonly ModelHarness _harness = new();
    private OpenAiStubServer _stub = null!;
    private IModelClient _client = null!;

    public async Task InitializeAsync()
    {
        _stub = await OpenAiStubServer.StartAsync();
        _client = _harness.Client(new ModelConfigs().OpenAi("oa", _stub, "m1").Snapshot(), "oa");
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
        Assert.True(request.IsStreaming);
        Assert.Equal("m1", request.Model);
        Assert.Equal("Bearer sk-test-oa", request.Header("authorization"));
        Assert.Equal(true, request.Body!["stream_options"]?["include_usage"]?.GetValue<bool>());
        var messages = request.Body["messages"]!.AsArray();
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.Equal("be brief", messages[0]!["content"]!.GetValue<string>());
        Assert.Equal("user", messages[1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task StreamAsync_NothingScripted_EchoesLastUserText()
    {
        var updates = await ModelHarness.CollectAsync(_client, ModelHarness.Ask("compat chat"));

        Assert.Equal(["echo:", " compat chat"], updates.OfType<TextDelta>().Select(d => d.Text));
    }

    [Fact]
    public async Task StreamAsync_ToolCallsInFragments_AssemblesCompleteCallsWithParsedArguments()
    {
        _stub.Enqueue(new StubReply
        {
            TextChunks = ["Checking."],
            ToolCalls =
            [
                new StubToolCall("call_1", "get_weather", """{"city":"Paris","days":3}""") { Fragments = 5 },
                new StubToolCall("call_2", "read", """{"path":"notes.md"}""") { Fragments = 2 },
            ],
        });

        var updates = await ModelHarness.CollectAsync(_client, ModelHarness.Ask("weather?"));

        var calls = updates.OfType<ToolCallRequested>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_1", "get_weather"), (calls[0].Id, calls[0].Name));
        Assert.Equal("Paris", calls[0].Arguments["city"]!.GetValue<string>());
        Assert.Equal(3, calls[0].Arguments["days"]!.GetValue<int>());
        Assert.Equal(("call_2", "read", "notes.md"), (calls[1].Id, calls[1].Name, calls[1].Arguments["path"]!.GetValue<string>()));
        Assert.Equal(new ResponseCompleted("toolUse"), updates[^1]);
    }

    [Fact]
    public async Task StreamAsync_ToolResultRoundTrip_SendsAssistantToolCallsAndToolMessage()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")!.AsObject();
        var request = new ModelRequest
        {
            Model = "m1",
            Tools = [new ToolDefinition("get_weather", "Current weather", schema)],
            Messages =
            [
                ChatMessage.User("weather in Paris?", 1),
                new ChatMessage
                {
                    Role = ChatRoles.Assistant,
                    Content = [new TextPart("Let me check."), new ToolCallPart("call_1", "get_weather", new JsonObject { ["city"] = "Paris" })],
                },
                new ChatMessage { Role = ChatRoles.ToolResult, ToolCallId = "call_1", ToolName = "get_weather", Content = [new TextPart("18°C, sunny")] },
            ],
        };

        await ModelHarness.CollectAsync(_client, request);

        var body = Assert.Single(_stub.Requests).Body!;
        var tool = body["tools"]!.AsArray().Single()!;
        Assert.Equal("function", tool["type"]!.GetValue<string>());
        Assert.Equal("get_weather", tool["function"]!["name"]!.GetValue<string>());
        Assert.Equal("object", tool["function"]!["parameters"]!["type"]!.GetValue<string>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        var assistant = messages[1]!;
        Assert.Equal("assistant", assistant["role"]!.GetValue<string>());
        var call = assistant["tool_calls"]!.AsArray().Single()!;
        Assert.Equal("call_1", call["id"]!.GetValue<string>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("Paris", JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!["city"]!.GetValue<string>());
        Assert.Contains("Let me check.", assistant["content"]!.ToJsonString());
        var toolMessage = messages[2]!;
        Assert.Equal("tool", toolMessage["role"]!.GetValue<string>());
        Assert.Equal("call_1", toolMessage["tool_call_id"]!.GetValue<string>());
        Assert.Contains("18°C, sunny", toolMessage["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task StreamAsync_UserImage_SendsDataUrlPart()
    {
        var request = new ModelRequest
        {
            Model = "m1",
            Messages = [new ChatMessage { Role = ChatRoles.User, Content = [new TextPart("what is this?"), new ImagePart("iVBORw0KGgo=", "image/png")] }],
        };

        await ModelHarness.CollectAsync(_client, request);

        var parts = Assert.Single(_stub.Requests).Body!["messages"]![0]!["content"]!.AsArray();
        Assert.Equal("text", parts[0]!["type"]!.GetValue<string>());
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", parts[1]!["image_url"]!["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("high", "high")]
    [InlineData("minimal", "minimal")]
    [InlineData("off", null)]
    [InlineData(null, null)]
    public async Task StreamAsync_ThinkingLevel_SetsReasoningEffortOnlyWhenOn(string? thinking, string? expectedEffort)
    {
        await ModelHarness.CollectAsync(_client, ModelHarness.Ask("think") with { Thinking = thinking });

        Assert.Equal(expectedEffort, Assert.Single(_stub.Requests).Body!["reasoning_effort"]?.GetValue<string>());
    }

    [Fact]
    public async Task StreamAsync_LengthFinish_ReportsLength()
    {
        _stub.Enqueue(new StubReply { TextChunks = ["cut"], StopReason = "length" });

        var updates = await ModelHarness.CollectAsync(_client, ModelHarness.Ask("long"));

        Assert.Equal(new ResponseCompleted("length"), updates[^1]);
    }

    [Theory]
    [InlineData(401, "Incorrect API key provided", null, ModelErrorKind.Auth)]
    [InlineData(403, "Forbidden", null, ModelErrorKind.Auth)]
    [InlineData(400, "This model's maximum context length is 8192 tokens", "context_length_exceeded", ModelErrorKind.ContextLength)]
    [InlineData(400, "Invalid value for 'messages'", null, ModelErrorKind.BadRequest)]
    [InlineData(429, "Rate limit reached", null, ModelErrorKind.RateLimit)]
    [InlineData(408, "Request timed out", null, ModelErrorKind.Timeout)]
    [InlineData(503, "The server is overloaded", null, ModelErrorKind.Unavailable)]
    public async Task StreamAsync_HttpError_ClassifiesKind(int status, string message, string? code, ModelErrorKind expected)
    {
        _stub.Enqueue(StubReply.Fail(status, message, code: code));

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(_client, ModelHarness.Ask("x")));

        Assert.Equal(expected, failure.Kind);
        Assert.Contains("oa/m1", failure.Message);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task StreamAsync_RateLimitWithRetryAfter_CarriesTheDelay()
    {
        _stub.Enqueue(StubReply.RateLimited(TimeSpan.FromSeconds(2)));

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(_client, ModelHarness.Ask("x")));

        Assert.Equal(ModelErrorKind.RateLimit, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.RetryAfter);
    }

    [Fact]
    public async Task StreamAsync_NothingListening_IsUnavailable()
    {
        var port = _stub.RootUrl;
        await _stub.DisposeAsync();
        var client = _harness.Client(new ModelConfigs().Add("oa", port + "/v1", "openai-completions", ["m1"]).Snapshot(), "oa");

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(client, ModelHarness.Ask("x")));

        Assert.Equal(ModelErrorKind.Unavailable, failure.Kind);
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
