using System.Net;
using System.Text.Json.Nodes;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary><c>POST /v1/chat/completions</c> against the real gateway and an OpenAI stub model.</summary>
public sealed class ChatCompletionsTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task ChatCompletions_NonStream_ReturnsTheAgentsReplyAsAChatCompletion()
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            """{"model":"openclaw","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hello there"}]}"""))
            .WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.StartsWith("chatcmpl_", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal("openclaw", body["model"]!.GetValue<string>());
        Assert.True(body["created"]!.GetValue<long>() > 0);
        var choice = body["choices"]![0]!;
        Assert.Equal(0, choice["index"]!.GetValue<int>());
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("echo: hello there", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        var usage = body["usage"]!;
        Assert.True(usage["prompt_tokens"]!.GetValue<long>() > 0);
        Assert.Equal(usage["prompt_tokens"]!.GetValue<long>() + usage["completion_tokens"]!.GetValue<long>(), usage["total_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task ChatCompletions_Stream_SendsRoleThenContentThenFinishThenUsageThenDone()
    {
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = HttpApiFixture.Json(
                """{"model":"openclaw/helper","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":[{"type":"text","text":"stream me"}]}]}"""),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        Assert.All(events, e => Assert.Null(e.Event));
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e.Data)!.AsObject()).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Single(chunks.Select(c => c["id"]!.GetValue<string>()).Distinct());
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        var text = string.Concat(chunks.Where(c => c["choices"]!.AsArray().Count > 0)
            .Select(c => c["choices"]![0]!["delta"]!["content"]?.GetValue<string>() ?? ""));
        Assert.Equal("echo: stream me", text);
        var finish = chunks.Single(c => c["choices"]!.AsArray().Count > 0 && c["choices"]![0]!["finish_reason"] is not null);
        Assert.Equal("stop", finish["choices"]![0]!["finish_reason"]!.GetValue<string>());
        var usageChunk = chunks[^1];
        Assert.Empty(usageChunk["choices"]!.AsArray());
        Assert.True(usageChunk["usage"]!["total_tokens"]!.GetValue<long>() > 0);
        Assert.True(chunks.IndexOf(finish) < chunks.IndexOf(usageChunk));
    }

    [Fact]
    public async Task ChatCompletions_UserField_RunsInThePerUserSession()
    {
        var user = $"alice-{Guid.NewGuid():N}";
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            $$"""{"model":"agent:helper","user":"{{user}}","messages":[{"role":"user","content":"remember me"}]}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await fixture.Session($"agent:helper:openai-user:{user}").GetEntryAsync().WaitAsync(Timeout);
        Assert.NotNull(entry);
    }

    [Fact]
    public async Task ChatCompletions_SessionKeyHeader_RunsInThatSession()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = HttpApiFixture.Json("""{"model":"openclaw:main","messages":[{"role":"user","content":"in my session"}]}"""),
        };
        request.Headers.Add("x-openclaw-session-key", key);

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await fixture.Session(key).GetHistoryAsync(new()).WaitAsync(Timeout);
        Assert.Equal(["user", "assistant"], history.Messages.Select(m => m.Message.Role));
        Assert.Equal("in my session", history.Messages[0].Message.Text());
    }

    [Theory]
    [InlineData("gpt-4o", "model")]
    [InlineData("openclaw/nobody", "unknown agent")]
    public async Task ChatCompletions_UnsupportedModelOrAgent_Is400(string model, string expected)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""")).WaitAsync(Timeout);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", expected);
    }

    [Theory]
    [InlineData("subagent:abc")]
    [InlineData("agent:main:cron:job1")]
    [InlineData("acp:x")]
    public async Task ChatCompletions_ReservedSessionKeyPrefix_Is400(string key)
    {
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = HttpApiFixture.Json("""{"model":"openclaw","messages":[{"role":"user","content":"hi"}]}"""),
        };
        request.Headers.Add("x-openclaw-session-key", key);

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "reserved");
    }

    [Theory]
    [InlineData("""{"model":"openclaw","messages":[{"role":"user","content":"hi"}],"bogus_field":1}""", "bogus_field")]
    [InlineData("""{"model":"openclaw"}""", "messages")]
    [InlineData("""{"model":"openclaw","messages":[{"role":"user","content":"hi","extra":true}]}""", "extra")]
    [InlineData("""{"model":"openclaw","messages":[{"role":"wizard","content":"hi"}]}""", "role")]
    [InlineData("""{"model":"openclaw","messages":[{"role":"system","content":"only system"}]}""", "user message")]
    [InlineData("""[1,2]""", "invalid")]
    [InlineData("""not json""", "invalid")]
    public async Task ChatCompletions_InvalidBody_Is400NamingTheProblem(string body, string expected)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(body)).WaitAsync(Timeout);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", expected);
    }

    [Fact]
    public async Task ChatCompletions_BodyOver20MB_Is413()
    {
        using var http = fixture.Client();
        using var content = new ByteArrayContent(new byte[(20 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new("application/json");

        using var response = await http.PostAsync("/v1/chat/completions", content).WaitAsync(Timeout);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid_request_error", "Payload too large");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task ChatCompletions_WithoutValidBearer_Is401(string? token)
    {
        using var http = fixture.Client(token ?? "");

        using var response = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json(
            """{"model":"openclaw","messages":[{"role":"user","content":"hi"}]}""")).WaitAsync(Timeout);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized", "unauthorized");
    }

    [Fact]
    public async Task ChatCompletions_ReadOnlyDeclaredScopes_Is403MissingScope()
    {
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = HttpApiFixture.Json("""{"model":"openclaw","messages":[{"role":"user","content":"hi"}]}"""),
        };
        request.Headers.Add("x-openclaw-scopes", "operator.read");

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        var error = await AssertErrorAsync(response, HttpStatusCode.Forbidden, "forbidden", "operator.write");
        Assert.Equal("MISSING_SCOPE", error["details"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_Get_Is405WithAllow()
    {
        using var http = fixture.Client();

        using var response = await http.GetAsync("/v1/chat/completions").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChatCompletions_ModelFails_NonStreamIs500WithoutInternals()
    {
        var key = HttpApiFixture.NewSessionKey();
        fixture.Stub.Enqueue(StubReply.Fail(400, "secret upstream detail http://10.0.0.1"));
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = HttpApiFixture.Json("""{"model":"openclaw","messages":[{"role":"user","content":"fail please"}]}"""),
        };
        request.Headers.Add("x-openclaw-session-key", key);

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        var error = await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "api_error", "agent run failed");
        Assert.DoesNotContain("secret", error.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ModelFails_StreamSendsErrorObjectBeforeDone()
    {
        var key = HttpApiFixture.NewSessionKey();
        fixture.Stub.Enqueue(StubReply.Fail(400, "bad request upstream"));
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = HttpApiFixture.Json("""{"model":"openclaw","stream":true,"messages":[{"role":"user","content":"fail please"}]}"""),
        };
        request.Headers.Add("x-openclaw-session-key", key);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        Assert.Equal("[DONE]", events[^1].Data);
        var error = JsonNode.Parse(events[^2].Data)!["error"]!;
        Assert.Equal("api_error", error["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_ClientDisconnectsMidStream_AbortsTheRun()
    {
        var key = HttpApiFixture.NewSessionKey("slow");
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = HttpApiFixture.Json("""{"model":"openclaw/slow","stream":true,"messages":[{"role":"user","content":"take your time"}]}"""),
        };
        request.Headers.Add("x-openclaw-session-key", key);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        SseEvent? content;
        do
        {
            content = await reader.NextAsync(Timeout);
        }
        while (content is not null && !content.Data.Contains("\"content\"", StringComparison.Ordinal));
        Assert.NotNull(content);

        reader.Dispose();
        response.Dispose();

        await HttpApiFixture.EventuallyAsync(async () => (await fixture.Session(key).GetEntryAsync())?.Status == "killed", "the run to be aborted");
    }

    /// <returns>The <c>error</c> object.</returns>
    internal static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string messagePart)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["error"]!.AsObject();
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Contains(messagePart, error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        return error;
    }
}
