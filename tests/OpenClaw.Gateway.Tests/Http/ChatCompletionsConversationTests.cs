using System.Net;
using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>
/// How <c>POST /v1/chat/completions</c> turns a whole <c>messages</c> array into the agent's turn (openclaw's
/// <c>openai-http.ts</c> + <c>agent-prompt.ts</c>), asserted on what the stub model received and what the client got.
/// </summary>
public sealed class ChatCompletionsConversationTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    // A 1x1 PNG.
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [Fact]
    public async Task ChatCompletions_Conversation_EarlierTurnsBecomeAContextBlockBeforeTheCurrentMessage()
    {
        var marker = Marker();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["messages"] = new JsonArray(
                Message("system", "You are terse."),
                Message("developer", "Answer in English."),
                Message("user", "What is 2+2?"),
                Message("assistant", "4"),
                Message("user", $"And times 3? {marker}")),
        };

        var reply = await CompleteAsync(body);

        var expected = string.Join('\n',
            "[Chat messages since your last reply - for context]",
            "User: What is 2+2?",
            "Assistant: 4",
            "",
            "[Current message - respond to this]",
            $"User: And times 3? {marker}");
        var model = ModelRequest.Find(fixture.Stub, marker);
        Assert.Equal(expected, model.UserText);
        Assert.Contains("You are terse.\n\nAnswer in English.", model.SystemText, StringComparison.Ordinal);
        Assert.DoesNotContain("You are terse.", model.UserText, StringComparison.Ordinal);
        Assert.Equal($"echo: {expected}", reply);
    }

    [Fact]
    public async Task ChatCompletions_SingleUserMessage_IsSentAsItIsWithoutMarkers()
    {
        var marker = Marker();

        var reply = await CompleteAsync(new JsonObject
        {
            ["model"] = "openclaw",
            ["messages"] = new JsonArray(Message("system", "sys"), Message("user", $"  just this {marker}  ")),
        });

        Assert.Equal($"just this {marker}", ModelRequest.Find(fixture.Stub, marker).UserText);
        Assert.Equal($"echo: just this {marker}", reply);
    }

    [Fact]
    public async Task ChatCompletions_ContentParts_TextJoinedToolTurnsNamedTrailingAssistantAndEmptyTurnsDropped()
    {
        var marker = Marker();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["messages"] = new JsonArray(
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(
                        new JsonObject { ["type"] = "text", ["text"] = "line one" },
                        new JsonObject { ["type"] = "input_audio", ["input_audio"] = new JsonObject { ["data"] = "AAAA", ["format"] = "wav" } },
                        new JsonObject { ["type"] = "text", ["text"] = "line two" }),
                },
                new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray() },
                new JsonObject { ["role"] = "tool", ["name"] = "get_weather", ["tool_call_id"] = "call_1", ["content"] = $"21C {marker}" },
                Message("assistant", "a reply the client drafted after the tool result")),
        };

        await CompleteAsync(body);

        var expected = string.Join('\n',
            "[Chat messages since your last reply - for context]",
            "User: line one\nline two",
            "",
            "[Current message - respond to this]",
            $"Tool:get_weather: 21C {marker}");
        Assert.Equal(expected, ModelRequest.Find(fixture.Stub, marker).UserText);
    }

    [Fact]
    public async Task ChatCompletions_Images_OnlyTheCurrentUserMessagesImagesAreSent()
    {
        var marker = Marker();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(Text("an old picture"), Image($"data:image/png;base64,{Png}")) },
                Message("assistant", "nice"),
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(Text($"two new ones {marker}"), Image($"data:image/png;base64,{Png}"), Image($"data:image/jpeg;base64,{Png}")),
                }),
        };

        await CompleteAsync(body);

        var model = ModelRequest.Find(fixture.Stub, marker);
        Assert.Equal([$"data:image/png;base64,{Png}", $"data:image/jpeg;base64,{Png}"], model.UserImageUrls);
        Assert.Equal(1, model.UserMessagesWithImages);
        Assert.Contains("User: an old picture", model.UserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ImageOnlyCurrentMessage_GetsThePlaceholderText()
    {
        var key = HttpApiFixture.NewSessionKey();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(Image($"data:image/png;base64,{Png}")) }),
        };

        var reply = await CompleteAsync(body, key);

        Assert.Equal("echo: User sent image(s) with no text.", reply);
        var history = await fixture.Session(key).GetHistoryAsync(new()).WaitAsync(Timeout);
        Assert.Equal("User sent image(s) with no text.", history.Messages[0].Message.Text());
    }

    [Theory]
    [InlineData(9, "data:image/png;base64,", "limit 8")]
    [InlineData(1, "https://example.com/cat.png?", "remote image")]
    [InlineData(1, "data:image/svg+xml;base64,", "image type")]
    [InlineData(1, "data:image/png,", "base64")]
    public async Task ChatCompletions_BadImagesInTheCurrentMessage_Are400(int count, string urlPrefix, string expected)
    {
        var parts = new JsonArray(Text("look"));
        for (var i = 0; i < count; i++) parts.Add(Image(urlPrefix + Png));
        var body = new JsonObject { ["model"] = "openclaw", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = parts }) };
        var requestsBefore = fixture.Stub.TotalRequests;
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(body.ToJsonString())).WaitAsync(Timeout);

        var error = await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "Invalid image_url content in `messages`.");
        Assert.Contains(expected, error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(requestsBefore, fixture.Stub.TotalRequests);
    }

    [Fact]
    public async Task ChatCompletions_BadImageInAnEarlierTurn_IsNotReadAndNotSent()
    {
        var marker = Marker();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(Text("old"), Image("https://example.com/old.png")) },
                Message("user", $"new {marker}")),
        };

        await CompleteAsync(body);

        Assert.Empty(ModelRequest.Find(fixture.Stub, marker).UserImageUrls);
    }

    [Theory]
    [InlineData("""[{"role":"system","content":"only a system prompt"}]""")]
    [InlineData("""[{"role":"user","content":"   "},{"role":"user","content":[]}]""")]
    [InlineData("""[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]""")]
    [InlineData("""[]""")]
    public async Task ChatCompletions_NoUserText_Is400MissingUserMessage(string messages)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            $$"""{"model":"openclaw","messages":{{messages}}}""")).WaitAsync(Timeout);

        await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "Missing user message in `messages`.");
    }

    [Fact]
    public async Task ChatCompletions_StreamedConversation_StreamsTheAnswerToTheWholePrompt()
    {
        var marker = Marker();
        using var http = fixture.Client();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["stream"] = true,
            ["messages"] = new JsonArray(Message("user", "hi"), Message("assistant", "hello"), Message("user", marker)),
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = HttpApiFixture.Json(body.ToJsonString()) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        var text = string.Concat(events[..^1].Select(e => JsonNode.Parse(e.Data)!["choices"]!.AsArray())
            .Where(c => c.Count > 0).Select(c => c[0]!["delta"]!["content"]?.GetValue<string>() ?? ""));
        var model = ModelRequest.Find(fixture.Stub, marker);
        Assert.StartsWith("[Chat messages since your last reply - for context]\nUser: hi\nAssistant: hello\n", model.UserText, StringComparison.Ordinal);
        Assert.Equal($"echo: {model.UserText}", text);
    }

    private async Task<string> CompleteAsync(JsonObject body, string? sessionKey = null)
    {
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = HttpApiFixture.Json(body.ToJsonString()) };
        request.Headers.Add("x-openclaw-session-key", sessionKey ?? HttpApiFixture.NewSessionKey());

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
    }

    private static string Marker() => $"marker-{Guid.NewGuid():N}";

    private static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    private static JsonObject Image(string url) => new() { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } };
}
