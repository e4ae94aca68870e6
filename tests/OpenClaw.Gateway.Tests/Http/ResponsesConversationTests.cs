using System.Net;
using System.Text.Json.Nodes;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>
/// How <c>POST /v1/responses</c> turns <c>input</c> (a string, or items) and <c>instructions</c> into the agent's
/// turn (openclaw's <c>openresponses-http.ts</c>), asserted on what the stub model received and what the client got.
/// </summary>
public sealed class ResponsesConversationTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    // A 1x1 PNG.
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [Fact]
    public async Task Responses_StringInput_IsTheMessageAsItIsAndInstructionsTheSystemPrompt()
    {
        var marker = Marker();

        var text = await RespondAsync(new JsonObject { ["model"] = "openclaw", ["input"] = $"plain {marker}", ["instructions"] = "Speak like a pirate." });

        var model = ModelRequest.Find(fixture.Stub, marker);
        Assert.Equal($"plain {marker}", model.UserText);
        Assert.Contains("Speak like a pirate.", model.SystemText, StringComparison.Ordinal);
        Assert.Equal($"echo: plain {marker}", text);
    }

    [Fact]
    public async Task Responses_ItemInput_SystemItemsJoinInstructionsAndToolOutputsAreNamedByCallId()
    {
        var marker = Marker();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["instructions"] = "First instruction.",
            ["input"] = new JsonArray(
                new JsonObject { ["type"] = "message", ["role"] = "system", ["content"] = "Second instruction." },
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(InputText("weather in Paris?")) },
                new JsonObject { ["type"] = "function_call", ["call_id"] = "call_7", ["name"] = "get_weather", ["arguments"] = "{}" },
                new JsonObject { ["type"] = "reasoning", ["summary"] = new JsonArray() },
                new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_7", ["output"] = $"sunny {marker}" }),
        };

        await RespondAsync(body);

        var model = ModelRequest.Find(fixture.Stub, marker);
        Assert.Equal(
            string.Join('\n',
                "[Chat messages since your last reply - for context]",
                "User: weather in Paris?",
                "",
                "[Current message - respond to this]",
                $"Tool:call_7: sunny {marker}"),
            model.UserText);
        Assert.Contains("First instruction.\n\nSecond instruction.", model.SystemText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_InputImages_OnlyTheLastUserMessagesImagesAreSentInBothForms()
    {
        var marker = Marker();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(InputText("old"), new JsonObject { ["type"] = "input_image", ["image_url"] = $"data:image/png;base64,{Png}" }) },
                new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = "seen" }) },
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(
                        InputText($"new {marker}"),
                        new JsonObject { ["type"] = "input_image", ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = "image/png", ["data"] = Png } },
                        new JsonObject { ["type"] = "input_image", ["image_url"] = $"data:image/webp;base64,{Png}" }),
                }),
        };

        await RespondAsync(body);

        var model = ModelRequest.Find(fixture.Stub, marker);
        Assert.Equal([$"data:image/png;base64,{Png}", $"data:image/webp;base64,{Png}"], model.UserImageUrls);
        Assert.Equal(1, model.UserMessagesWithImages);
        Assert.Contains("User: old\nAssistant: seen", model.UserText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\"", "Missing user message in `input`.")]
    [InlineData("""[{"role":"user","content":"  "}]""", "Missing user message in `input`.")]
    [InlineData("""[{"type":"function_call","name":"f","arguments":"{}"}]""", "Missing user message in `input`.")]
    [InlineData("""[{"type":"message","role":"tool","content":"x"}]""", "input[0].role")]
    [InlineData("""[{"type":"web_search_call"}]""", "input[0].type")]
    [InlineData("""[{"type":"function_call_output","output":"x"}]""", "call_id")]
    [InlineData("""[{"role":"user","content":[{"type":"input_file","file_data":"x"}]}]""", "input_file")]
    [InlineData("""[{"role":"user","content":[{"type":"input_image","source":{"type":"url","url":"https://example.com/a.png"}}]}]""", "remote image")]
    [InlineData("""[{"role":"user","content":[{"type":"input_image","source":{"type":"base64","media_type":"image/bmp","data":"AAAA"}}]}]""", "image type")]
    [InlineData("""[{"role":"user","content":[{"type":"input_image"}]}]""", "'source' or 'image_url'")]
    public async Task Responses_InvalidInput_Is400NamingTheProblem(string input, string expected)
    {
        var requestsBefore = fixture.Stub.TotalRequests;
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/responses", HttpApiFixture.Json($$"""{"model":"openclaw","input":{{input}}}""")).WaitAsync(Timeout);

        await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", expected);
        Assert.Equal(requestsBefore, fixture.Stub.TotalRequests);
    }

    [Fact]
    public async Task Responses_NineImages_Is400()
    {
        var parts = new JsonArray(InputText("look"));
        for (var i = 0; i < 9; i++) parts.Add(new JsonObject { ["type"] = "input_image", ["image_url"] = $"data:image/png;base64,{Png}" });
        var body = new JsonObject { ["model"] = "openclaw", ["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = parts }) };
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/responses", HttpApiFixture.Json(body.ToJsonString())).WaitAsync(Timeout);

        await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "limit 8");
    }

    [Fact]
    public async Task Responses_StreamedItemInput_SendsTheEventSequenceForTheWholePrompt()
    {
        var marker = Marker();
        var body = new JsonObject
        {
            ["model"] = "openclaw",
            ["stream"] = true,
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "ping" },
                new JsonObject { ["role"] = "assistant", ["content"] = "pong" },
                new JsonObject { ["role"] = "user", ["content"] = marker }),
        };
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses") { Content = HttpApiFixture.Json(body.ToJsonString()) };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        var model = ModelRequest.Find(fixture.Stub, marker);
        Assert.StartsWith("[Chat messages since your last reply - for context]\nUser: ping\nAssistant: pong\n", model.UserText, StringComparison.Ordinal);
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Equal("response.created", events[0].Event);
        Assert.Equal("response.completed", events[^2].Event);
        var deltas = string.Concat(events.Where(e => e.Event == "response.output_text.delta").Select(e => JsonNode.Parse(e.Data)!["delta"]!.GetValue<string>()));
        Assert.Equal($"echo: {model.UserText}", deltas);
        var completed = JsonNode.Parse(events[^2].Data)!["response"]!;
        Assert.Equal($"echo: {model.UserText}", completed["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Responses_ModelFailsMidStream_EndsWithResponseFailedThenDone()
    {
        fixture.Stub.Enqueue(StubReply.Fail(400, "upstream says no"));
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses")
        {
            Content = HttpApiFixture.Json($$"""{"model":"openclaw","stream":true,"input":"{{Marker()}}"}"""),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Equal("response.failed", events[^2].Event);
        var failed = JsonNode.Parse(events[^2].Data)!["response"]!;
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Equal("api_error", failed["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("upstream says no", events[^2].Data, StringComparison.Ordinal);
        var created = JsonNode.Parse(events[0].Data)!["response"]!;
        Assert.Equal("in_progress", created["status"]!.GetValue<string>());
        Assert.Equal(0, created["usage"]!["total_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task Responses_ModelFails_NonStreamIs500WithTheFailedResponseObject()
    {
        fixture.Stub.Enqueue(StubReply.Fail(400, "secret upstream detail"));
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/responses", HttpApiFixture.Json($$"""{"model":"openclaw","input":"{{Marker()}}"}""")).WaitAsync(Timeout);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("response", body["object"]!.GetValue<string>());
        Assert.Equal("failed", body["status"]!.GetValue<string>());
        Assert.Empty(body["output"]!.AsArray());
        Assert.Equal("api_error", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains("agent run failed", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    private async Task<string> RespondAsync(JsonObject body)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/responses", HttpApiFixture.Json(body.ToJsonString())).WaitAsync(Timeout);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["output"]![0]!["content"]![0]!["text"]!.GetValue<string>();
    }

    private static string Marker() => $"marker-{Guid.NewGuid():N}";

    private static JsonObject InputText(string text) => new() { ["type"] = "input_text", ["text"] = text };
}
