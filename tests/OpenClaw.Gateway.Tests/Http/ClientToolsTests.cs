using System.Net;
using System.Text.Json.Nodes;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>
/// Client tools (<c>tools</c>, <c>tool_choice</c>) on <c>/v1/chat/completions</c> and <c>/v1/responses</c>, JSON and
/// SSE, against the real gateway and the OpenAI stub model: the model's call to a client tool comes back to the HTTP
/// client, the client's tool result continues the conversation, tool_choice reaches the model request, bad tools are
/// refused, and <c>x-openclaw-message-channel</c> lands on the session. The stub answers a queued tool call first,
/// then echoes (the tests of this class run one at a time, so the queue is theirs).
/// </summary>
public sealed class ClientToolsTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    private const string WeatherTool =
        """{"type":"function","function":{"name":"get_weather","description":"Weather of a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";

    private const string WeatherArguments = """{"city":"Paris"}""";

    [Fact]
    public async Task ChatCompletions_ModelCallsAClientTool_TheCallComesBackAsToolCallsWithFinishReasonToolCalls()
    {
        var marker = Marker();
        fixture.Stub.Enqueue(StubReply.WithToolCalls(new StubToolCall("call_weather_1", "get_weather", WeatherArguments)));
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            $$"""{"model":"openclaw","tools":[{{WeatherTool}}],"messages":[{"role":"user","content":"weather in Paris? {{marker}}"}]}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        var message = choice["message"]!.AsObject();
        Assert.True(message.ContainsKey("content"));
        Assert.Null(message["content"]);
        var call = Assert.Single(message["tool_calls"]!.AsArray())!;
        Assert.Equal("call_weather_1", call["id"]!.GetValue<string>());
        Assert.Equal("function", call["type"]!.GetValue<string>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal(WeatherArguments, call["function"]!["arguments"]!.GetValue<string>());

        var sent = ModelRequestWith(marker);
        Assert.Contains("get_weather", sent.OfferedToolNames);
        Assert.Contains("read", sent.OfferedToolNames); // the agent's own tools stay offered
        Assert.Null(sent.ToolChoice);
    }

    [Fact]
    public async Task ChatCompletions_ToolResultMessage_ContinuesTheConversationToAFinalAnswer()
    {
        var user = $"tool-user-{Guid.NewGuid():N}";
        var marker = Marker();
        fixture.Stub.Enqueue(StubReply.WithToolCalls(new StubToolCall("call_weather_2", "get_weather", WeatherArguments)));
        using var http = fixture.Client();
        using var first = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            $$"""{"model":"openclaw","user":"{{user}}","tools":[{{WeatherTool}}],"messages":[{"role":"user","content":"weather? {{marker}}"}]}""")).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json($$$"""
            {"model":"openclaw","user":"{{{user}}}","tools":[{{{WeatherTool}}}],"messages":[
              {"role":"user","content":"weather? {{{marker}}}"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_weather_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_weather_2","content":"sunny, 21C"}]}
            """)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var choice = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Null(choice["message"]!["tool_calls"]);
        var answer = choice["message"]!["content"]!.GetValue<string>();
        Assert.StartsWith("echo: ", answer, StringComparison.Ordinal);
        Assert.EndsWith("[Current message - respond to this]\nTool:get_weather: sunny, 21C", answer, StringComparison.Ordinal);

        // The session's transcript holds the call and its pending result, so the model saw a well-formed sequence.
        var continued = fixture.Stub.Requests.Last(r => r.Body?["messages"]?.ToJsonString().Contains("sunny, 21C", StringComparison.Ordinal) == true);
        var messages = continued.Body!["messages"]!.AsArray().OfType<JsonObject>().ToList();
        var pending = messages.Single(m => m["role"]?.GetValue<string>() == "tool");
        Assert.Equal("call_weather_2", pending["tool_call_id"]!.GetValue<string>());
        Assert.Contains("pending", pending["content"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_Stream_SendsToolCallDeltasThenFinishReasonToolCallsThenDone()
    {
        fixture.Stub.Enqueue(StubReply.WithToolCalls(
            new StubToolCall("call_a", "get_weather", WeatherArguments),
            new StubToolCall("call_b", "get_weather", """{"city":"Rome"}""")));
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = HttpApiFixture.Json($$"""{"model":"openclaw","stream":true,"tools":[{{WeatherTool}}],"messages":[{"role":"user","content":"two cities {{Marker()}}"}]}"""),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        Assert.Equal("[DONE]", events[^1].Data);
        var choices = events[..^1].Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!).ToList();
        Assert.Equal("assistant", choices[0]["delta"]!["role"]!.GetValue<string>());
        var calls = choices.Where(c => c["delta"]!["tool_calls"] is not null).Select(c => Assert.Single(c["delta"]!["tool_calls"]!.AsArray())!).ToList();
        Assert.Equal([0, 1], calls.Select(c => c["index"]!.GetValue<int>()));
        Assert.Equal(["call_a", "call_b"], calls.Select(c => c["id"]!.GetValue<string>()));
        Assert.All(calls, c => Assert.Equal("function", c["type"]!.GetValue<string>()));
        Assert.Equal([WeatherArguments, """{"city":"Rome"}"""], calls.Select(c => c["function"]!["arguments"]!.GetValue<string>()));
        Assert.Equal("tool_calls", choices[^1]["finish_reason"]!.GetValue<string>());
        Assert.True(choices.IndexOf(choices.Last(c => c["delta"]!["tool_calls"] is not null)) < choices.Count - 1);
    }

    [Theory]
    [InlineData("\"required\"", "\"required\"")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", """{"type":"function","function":{"name":"get_weather"}}""")]
    [InlineData("\"auto\"", "\"auto\"")]
    public async Task ChatCompletions_ToolChoice_ReachesTheModelRequest(string toolChoice, string expected)
    {
        var marker = Marker();
        fixture.Stub.Enqueue(StubReply.WithToolCalls(new StubToolCall("call_c", "get_weather", WeatherArguments)));
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            $$"""{"model":"openclaw","tools":[{{WeatherTool}}],"tool_choice":{{toolChoice}},"messages":[{"role":"user","content":"go {{marker}}"}]}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = ModelRequestWith(marker);
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), sent.ToolChoice!.ToJsonString());
        Assert.Contains("get_weather", sent.OfferedToolNames);
    }

    [Fact]
    public async Task ChatCompletions_ToolChoiceNone_TheClientToolsAreNotOffered()
    {
        var marker = Marker();
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            $$"""{"model":"openclaw","tools":[{{WeatherTool}}],"tool_choice":"none","messages":[{"role":"user","content":"no tools {{marker}}"}]}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = ModelRequestWith(marker);
        Assert.DoesNotContain("get_weather", sent.OfferedToolNames);
        Assert.Null(sent.ToolChoice);
    }

    [Fact]
    public async Task ChatCompletions_RequiredToolChoiceTheAgentIgnores_Fails502()
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            $$"""{"model":"openclaw","tools":[{{WeatherTool}}],"tool_choice":"required","messages":[{"role":"user","content":"just talk {{Marker()}}"}]}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("api_error", error["type"]!.GetValue<string>());
        Assert.Equal("tool_choice=required was not satisfied by the agent response", error["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("chat", "\"tools\":{}")]
    [InlineData("chat", "\"tools\":[{\"type\":\"code_interpreter\"}]")]
    [InlineData("chat", "\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"no name\"}}]")]
    [InlineData("chat", "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"bad name!\"}}]")]
    [InlineData("chat", "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"x\",\"parameters\":\"nope\"}}]")]
    [InlineData("chat", "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"x\"}},{\"type\":\"function\",\"function\":{\"name\":\"x\"}}]")]
    [InlineData("chat", "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"read\"}}]")]
    [InlineData("chat", "\"tool_choice\":\"required\"")]
    [InlineData("chat", "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"x\"}}],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"y\"}}")]
    [InlineData("chat", "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"x\"}}],\"tool_choice\":\"sometimes\"")]
    [InlineData("responses", "\"tools\":[{\"type\":\"web_search\"}]")]
    [InlineData("responses", "\"tools\":[{\"type\":\"function\",\"name\":\"x\"}],\"tool_choice\":{\"type\":\"function\",\"name\":\"z\"}")]
    public async Task ClientTools_Invalid_Returns400InvalidRequestError(string api, string fields)
    {
        using var http = fixture.Client();
        var (path, body) = api == "chat"
            ? ("/v1/chat/completions", $$"""{"model":"openclaw",{{fields}},"messages":[{"role":"user","content":"hi"}]}""")
            : ("/v1/responses", $$"""{"model":"openclaw",{{fields}},"input":"hi"}""");

        using var response = await http.PostAsync(path, HttpApiFixture.Json(body)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Responses_ModelCallsAClientTool_FunctionCallItemThenFunctionCallOutputContinuesTheSession()
    {
        var marker = Marker();
        fixture.Stub.Enqueue(StubReply.WithToolCalls(new StubToolCall("call_r1", "get_weather", WeatherArguments)));
        using var http = fixture.Client();

        using var first = await http.PostAsync("/v1/responses", HttpApiFixture.Json(
            """{"model":"openclaw","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}],"input":"weather? """ + marker + "\"}")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        var item = Assert.Single(body["output"]!.AsArray())!;
        Assert.Equal("function_call", item["type"]!.GetValue<string>());
        Assert.Equal("call_r1", item["call_id"]!.GetValue<string>());
        Assert.Equal("get_weather", item["name"]!.GetValue<string>());
        Assert.Equal(WeatherArguments, item["arguments"]!.GetValue<string>());
        Assert.StartsWith("fc_", item["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(item["role"]);

        // No user: only previous_response_id ties the follow-up to the first request's session.
        using var second = await http.PostAsync("/v1/responses", HttpApiFixture.Json($$"""
            {"model":"openclaw","previous_response_id":"{{body["id"]!.GetValue<string>()}}",
             "input":[{"type":"function_call_output","call_id":"call_r1","output":"cloudy {{marker}}"}]}
            """)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var final = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        Assert.Equal($"echo: cloudy {marker}", final["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        var continued = fixture.Stub.Requests.Last(r => r.Body?["messages"]?.ToJsonString().Contains($"cloudy {marker}", StringComparison.Ordinal) == true);
        Assert.Contains(continued.Body!["messages"]!.AsArray().OfType<JsonObject>(),
            m => m["role"]?.GetValue<string>() == "tool" && m["tool_call_id"]?.GetValue<string>() == "call_r1");
    }

    [Fact]
    public async Task Responses_Stream_FunctionCallItemsFollowTheMessageItem()
    {
        fixture.Stub.Enqueue(StubReply.WithToolCalls(new StubToolCall("call_s1", "get_weather", WeatherArguments)));
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses")
        {
            Content = HttpApiFixture.Json($$"""{"model":"openclaw","stream":true,"tools":[{{WeatherTool}}],"tool_choice":"required","input":"stream a call {{Marker()}}"}"""),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
             "response.output_text.done", "response.content_part.done", "response.output_item.done",
             "response.output_item.added", "response.output_item.done", "response.completed"],
            events[..^1].Select(e => e.Event));
        var added = JsonNode.Parse(events[7].Data)!;
        Assert.Equal(1, added["output_index"]!.GetValue<int>());
        Assert.Equal("function_call", added["item"]!["type"]!.GetValue<string>());
        Assert.Equal("in_progress", added["item"]!["status"]!.GetValue<string>());
        var done = JsonNode.Parse(events[8].Data)!["item"]!;
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal("call_s1", done["call_id"]!.GetValue<string>());
        var completed = JsonNode.Parse(events[9].Data)!["response"]!;
        Assert.Equal("completed", completed["status"]!.GetValue<string>());
        Assert.Equal(["message", "function_call"], completed["output"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()));
        Assert.Equal(done["id"]!.GetValue<string>(), completed["output"]![1]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/chat/completions", " Custom-Channel ", "custom-channel")]
    [InlineData("/v1/responses", "Slack", "slack")]
    [InlineData("/v1/chat/completions", null, "webchat")]
    public async Task MessageChannelHeader_IsRecordedOnTheSession(string path, string? header, string expected)
    {
        var sessionKey = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = HttpApiFixture.Json(path.EndsWith("responses", StringComparison.Ordinal)
                ? """{"model":"openclaw","input":"channel?"}"""
                : """{"model":"openclaw","messages":[{"role":"user","content":"channel?"}]}"""),
        };
        request.Headers.Add("x-openclaw-session-key", sessionKey);
        if (header is not null) request.Headers.Add("x-openclaw-message-channel", header);

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await fixture.Session(sessionKey).GetEntryAsync().WaitAsync(Timeout);
        Assert.Equal(expected, entry!.Channel);
    }

    private static string Marker() => $"marker-{Guid.NewGuid():N}";

    private RecordedRequest ModelRequestWith(string marker) =>
        fixture.Stub.Requests.LastOrDefault(r => r.Body?["messages"]?.ToJsonString().Contains(marker, StringComparison.Ordinal) == true)
        ?? throw new Xunit.Sdk.XunitException($"the model received no request with \"{marker}\"");
}
