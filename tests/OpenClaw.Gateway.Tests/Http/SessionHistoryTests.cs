using System.Net;
using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary><c>GET /sessions/{key}/history</c> (JSON and SSE) and <c>POST /sessions/{key}/kill</c>.</summary>
public sealed class SessionHistoryTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task History_Json_ReturnsTranscriptMessagesAndPages()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        await RunAsync(http, key, "first question");
        await RunAsync(http, key, "second question");

        using var all = await http.GetAsync($"/sessions/{Uri.EscapeDataString(key)}/history").WaitAsync(Timeout);
        using var last = await http.GetAsync($"/sessions/{Uri.EscapeDataString(key)}/history?limit=1").WaitAsync(Timeout);
        using var earlier = await http.GetAsync($"/sessions/{Uri.EscapeDataString(key)}/history?limit=1&cursor=1").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var body = JsonNode.Parse(await all.Content.ReadAsStringAsync())!;
        Assert.Equal(key, body["sessionKey"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["sessionId"]!.GetValue<string>()));
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("echo: second question", messages[3]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("text", messages[3]!["content"]![0]!["type"]!.GetValue<string>());

        var lastBody = JsonNode.Parse(await last.Content.ReadAsStringAsync())!;
        Assert.Single(lastBody["messages"]!.AsArray());
        Assert.True(lastBody["hasMore"]!.GetValue<bool>());
        Assert.Equal("1", lastBody["nextCursor"]!.GetValue<string>());
        var earlierBody = JsonNode.Parse(await earlier.Content.ReadAsStringAsync())!;
        Assert.Equal("user", earlierBody["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("second question", earlierBody["messages"]![0]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("offset=-1")]
    [InlineData("cursor=abc")]
    public async Task History_BadQuery_Is400(string query)
    {
        using var http = fixture.Client();

        using var response = await http.GetAsync($"/sessions/main/history?{query}").WaitAsync(Timeout);

        await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", query.Split('=')[0]);
    }

    [Fact]
    public async Task History_WithoutBearer_Is401AndPostIs405()
    {
        using var anonymous = fixture.Client("");
        using var http = fixture.Client();

        using var unauthorized = await anonymous.GetAsync("/sessions/main/history").WaitAsync(Timeout);
        using var post = await http.PostAsync("/sessions/main/history", HttpApiFixture.Json("{}")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal("GET", post.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task History_EventStream_SendsThePageThenNewMessagesAndKeepalives()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        await RunAsync(http, key, "before the stream");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sessions/{Uri.EscapeDataString(key)}/history");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var history = await reader.NextAsync(Timeout);
        Assert.Equal("history", history!.Event);
        Assert.Equal(2, JsonNode.Parse(history.Data)!["messages"]!.AsArray().Count);

        using var other = fixture.Client();
        await RunAsync(other, key, "during the stream");
        var message = await reader.NextAsync(Timeout);

        Assert.Equal("message", message!.Event);
        var payload = JsonNode.Parse(message.Data)!;
        Assert.Equal(key, payload["sessionKey"]!.GetValue<string>());
        Assert.Equal("assistant", payload["message"]!["role"]!.GetValue<string>());
        Assert.Equal("echo: during the stream", payload["message"]!["content"]![0]!["text"]!.GetValue<string>());

        await HttpApiFixture.EventuallyAsync(async () =>
        {
            // Nothing else happens in this session, so the next frames are keepalive comments (the read times out).
            try
            {
                await reader.NextAsync(HttpApiFixture.KeepAlive * 2);
            }
            catch (OperationCanceledException)
            {
            }
            return reader.Comments > 0;
        }, "a keepalive comment");
    }

    [Fact]
    public async Task Kill_ActiveRun_AbortsItAndReportsTheRunIds()
    {
        var key = HttpApiFixture.NewSessionKey("slow");
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/agent/run/stream")
        {
            Content = HttpApiFixture.Json($$"""{"message":"long story","agentId":"slow","sessionKey":"{{key}}","idempotencyKey":"kill-me-{{Guid.NewGuid():N}}"}"""),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.NextAsync(Timeout);
        Assert.Equal("delta", first!.Event);
        var runId = JsonNode.Parse(first.Data)!["runId"]!.GetValue<string>();

        using var other = fixture.Client();
        using var kill = await other.PostAsync($"/sessions/{Uri.EscapeDataString(key)}/kill", null).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
        var killed = JsonNode.Parse(await kill.Content.ReadAsStringAsync())!;
        Assert.True(killed["ok"]!.GetValue<bool>());
        Assert.True(killed["aborted"]!.GetValue<bool>());
        Assert.Contains(runId, killed["runIds"]!.AsArray().Select(r => r!.GetValue<string>()));
        var rest = await reader.ReadToEndAsync(Timeout);
        var done = rest.Single(e => e.Event == "done");
        Assert.Equal("aborted", JsonNode.Parse(done.Data)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kill_IdleSession_ReportsNothingAborted()
    {
        using var http = fixture.Client();

        using var kill = await http.PostAsync($"/sessions/{Uri.EscapeDataString(HttpApiFixture.NewSessionKey())}/kill", null).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
        var body = JsonNode.Parse(await kill.Content.ReadAsStringAsync())!;
        Assert.False(body["aborted"]!.GetValue<bool>());
        Assert.Empty(body["runIds"]!.AsArray());
    }

    private static async Task RunAsync(HttpClient http, string sessionKey, string message)
    {
        using var response = await http.PostAsync("/v1/agent/run", HttpApiFixture.Json(
            $$"""{"message":"{{message}}","sessionKey":"{{sessionKey}}"}""")).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
