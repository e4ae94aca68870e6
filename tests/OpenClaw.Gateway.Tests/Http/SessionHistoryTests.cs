using System.Net;
using System.Text.Json.Nodes;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary><c>GET /sessions/{key}/history</c> (JSON and SSE) and <c>POST /sessions/{key}/kill</c>.</summary>
public sealed class SessionHistoryTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task History_Json_ReturnsChatHistoryRowsOldestFirstWithSeqs()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        await RunAsync(http, key, "first question");
        await RunAsync(http, key, "second question");

        var body = await GetHistoryAsync(http, key, "");

        Assert.Equal(key, body["sessionKey"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["sessionId"]!.GetValue<string>()));
        var messages = body["messages"]!.AsArray();
        Assert.Equal(messages.ToJsonString(), body["items"]!.ToJsonString());
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal([1L, 2L, 3L, 4L], Seqs(body));
        Assert.Equal("second question", messages[2]!["content"]!.GetValue<string>());
        Assert.Equal("echo: second question", messages[3]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("text", messages[3]!["content"]![0]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(messages[3]!["__openclaw"]!["id"]!.GetValue<string>()));
        Assert.False(body["hasMore"]!.GetValue<bool>());
        Assert.Null(body["nextCursor"]);
    }

    [Fact]
    public async Task History_Json_LimitTakesTheNewestAndTheCursorWalksBackToTheStart()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        for (var i = 1; i <= 3; i++) await RunAsync(http, key, $"question {i}");

        var newest = await GetHistoryAsync(http, key, "?limit=2");
        var middle = await GetHistoryAsync(http, key, $"?limit=2&cursor={newest["nextCursor"]!.GetValue<string>()}");
        var oldest = await GetHistoryAsync(http, key, $"?limit=2&cursor=seq:{middle["nextCursor"]!.GetValue<string>()}");

        Assert.Equal([5L, 6L], Seqs(newest));
        Assert.True(newest["hasMore"]!.GetValue<bool>());
        Assert.Equal("5", newest["nextCursor"]!.GetValue<string>());
        Assert.Equal([3L, 4L], Seqs(middle));
        Assert.Equal("3", middle["nextCursor"]!.GetValue<string>());
        Assert.Equal([1L, 2L], Seqs(oldest));
        Assert.False(oldest["hasMore"]!.GetValue<bool>());
        Assert.Null(oldest["nextCursor"]);
        Assert.Equal(6, oldest["totalMessages"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("?limit=0", new long[] { 4 })]
    [InlineData("?limit=-3", new long[] { 4 })]
    [InlineData("?limit=abc", new long[] { 4 })]
    [InlineData("?limit=2xyz", new long[] { 3, 4 })]
    [InlineData("?limit=5000", new long[] { 1, 2, 3, 4 })]
    [InlineData("?cursor=abc", new long[] { 1, 2, 3, 4 })]
    [InlineData("?cursor=0", new long[] { 1, 2, 3, 4 })]
    [InlineData("?cursor=3", new long[] { 1, 2 })]
    [InlineData("?cursor=99", new long[] { 1, 2, 3, 4 })]
    [InlineData("?offset=2&maxChars=1", new long[] { 1, 2, 3, 4 })]
    public async Task History_Query_IsClampedOrIgnoredNeverAnError(string query, long[] expectedSeqs)
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        await RunAsync(http, key, "one");
        await RunAsync(http, key, "two");

        var body = await GetHistoryAsync(http, key, query);

        Assert.Equal(expectedSeqs, Seqs(body));
    }

    [Fact]
    public async Task History_LongTexts_AreCutAt8000Characters()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        await RunAsync(http, key, new string('x', 9_000));

        var body = await GetHistoryAsync(http, key, "");

        Assert.Equal(new string('x', 8_000), body["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal(8_000, body["messages"]![1]!["content"]![0]!["text"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task History_UnknownSession_Is404WithOkFalseForJsonAndEventStream()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sessions/{Uri.EscapeDataString(key)}/history");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var json = await http.GetAsync($"/sessions/{Uri.EscapeDataString(key)}/history").WaitAsync(Timeout);
        using var sse = await http.SendAsync(request).WaitAsync(Timeout);

        foreach (var response in new[] { json, sse })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.False(body["ok"]!.GetValue<bool>());
            Assert.Equal("not_found", body["error"]!["type"]!.GetValue<string>());
            Assert.Equal($"Session not found: {key}", body["error"]!["message"]!.GetValue<string>());
        }
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
    public async Task History_EventStream_SendsRetryAndThePageThenEachNewMessageThenKeepalives()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        await RunAsync(http, key, "before the stream");
        using var reader = await OpenStreamAsync(http, key, "");

        var history = await reader.NextAsync(Timeout);
        Assert.Equal("1000", reader.Retry);
        Assert.Equal("history", history!.Event);
        Assert.Equal([1L, 2L], Seqs(JsonNode.Parse(history.Data)!));

        using var other = fixture.Client();
        await RunAsync(other, key, "during the stream");
        var user = await reader.NextAsync(Timeout);
        var reply = await reader.NextAsync(Timeout);

        Assert.Equal("message", user!.Event);
        Assert.Equal("message", reply!.Event);
        var userPayload = JsonNode.Parse(user.Data)!;
        var replyPayload = JsonNode.Parse(reply.Data)!;
        Assert.Equal(key, userPayload["sessionKey"]!.GetValue<string>());
        Assert.Equal(3, userPayload["messageSeq"]!.GetValue<long>());
        Assert.Equal("during the stream", userPayload["message"]!["content"]!.GetValue<string>());
        Assert.Equal(4, replyPayload["messageSeq"]!.GetValue<long>());
        Assert.Equal("assistant", replyPayload["message"]!["role"]!.GetValue<string>());
        Assert.Equal("echo: during the stream", replyPayload["message"]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(replyPayload["message"]!["__openclaw"]!["id"]!.GetValue<string>(), replyPayload["messageId"]!.GetValue<string>());

        var after = await GetHistoryAsync(http, key, "");
        Assert.Equal(after["messages"]![3]!.ToJsonString(), replyPayload["message"]!.ToJsonString());
        await AssertKeepaliveAsync(reader);
    }

    [Fact]
    public async Task History_EventStream_SendsToolCallsAndToolResultsOfARunInTranscriptOrder()
    {
        var key = HttpApiFixture.NewSessionKey();
        var file = $"notes-{Guid.NewGuid():N}.txt";
        await File.WriteAllTextAsync(Path.Combine(fixture.Workspace, file), "the note");
        using var http = fixture.Client();
        await RunAsync(http, key, "warm up");
        using var reader = await OpenStreamAsync(http, key, "");
        Assert.Equal("history", (await reader.NextAsync(Timeout))!.Event);

        fixture.Stub.Enqueue(
            StubReply.WithToolCalls(new StubToolCall("call_read_1", "read", $$"""{"path":"{{file}}"}""")),
            StubReply.Text("read it"));
        using var other = fixture.Client();
        await RunAsync(other, key, "read my notes");
        var events = new List<JsonNode>();
        while (events.Count < 4)
        {
            var next = await reader.NextAsync(Timeout);
            Assert.Equal("message", next!.Event);
            events.Add(JsonNode.Parse(next.Data)!);
        }

        Assert.Equal([3L, 4L, 5L, 6L], events.Select(e => e["messageSeq"]!.GetValue<long>()));
        Assert.Equal(["user", "assistant", "toolResult", "assistant"], events.Select(e => e["message"]!["role"]!.GetValue<string>()));
        var call = events[1]["message"]!["content"]!.AsArray().Single(p => p!["type"]!.GetValue<string>() == "toolCall")!;
        Assert.Equal("read", call["name"]!.GetValue<string>());
        Assert.Equal("call_read_1", events[2]["message"]!["toolCallId"]!.GetValue<string>());
        Assert.Contains("the note", events[2]["message"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("read it", events[3]["message"]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_EventStreamWithLimit_ResendsThePageWhenTheTranscriptGrows()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        await RunAsync(http, key, "first");
        using var reader = await OpenStreamAsync(http, key, "?limit=1");

        var first = await reader.NextAsync(Timeout);
        Assert.Equal("history", first!.Event);
        Assert.Equal([2L], Seqs(JsonNode.Parse(first.Data)!));

        using var other = fixture.Client();
        await RunAsync(other, key, "second");
        JsonNode page;
        do
        {
            var next = await reader.NextAsync(Timeout);
            Assert.Equal("history", next!.Event);
            page = JsonNode.Parse(next.Data)!;
        }
        while (Seqs(page)[0] != 4);

        Assert.True(page["hasMore"]!.GetValue<bool>());
        Assert.Equal("4", page["nextCursor"]!.GetValue<string>());
        Assert.Equal("echo: second", page["messages"]![0]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_EventStreamAfterReset_SendsTheNewSessionsPage()
    {
        var key = HttpApiFixture.NewSessionKey();
        using var http = fixture.Client();
        await RunAsync(http, key, "old session");
        using var reader = await OpenStreamAsync(http, key, "");
        var first = JsonNode.Parse((await reader.NextAsync(Timeout))!.Data)!;

        await fixture.Session(key).ResetAsync("reset").WaitAsync(Timeout);
        await RunAsync(http, key, "new session");

        // The reset brings a page of the new session; its messages come in it or as message events after it.
        var oldSessionId = first["sessionId"]!.GetValue<string>();
        string? newSessionId = null;
        var rows = new List<JsonNode>();
        while (rows.Count < 2)
        {
            var next = await reader.NextAsync(Timeout);
            Assert.NotNull(next);
            var payload = JsonNode.Parse(next.Data)!;
            if (next.Event == "history" && payload["sessionId"]!.GetValue<string>() != oldSessionId)
            {
                newSessionId = payload["sessionId"]!.GetValue<string>();
                rows = [.. payload["messages"]!.AsArray().Select(m => m!)];
            }
            else if (next.Event == "message" && newSessionId is not null)
            {
                rows.Add(payload["message"]!);
            }
        }

        Assert.Equal("new session", rows[0]["content"]!.GetValue<string>());
        Assert.Equal(1, rows[0]["__openclaw"]!["seq"]!.GetValue<long>());
        Assert.Equal("echo: new session", rows[1]["content"]![0]!["text"]!.GetValue<string>());
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

    private static async Task<JsonNode> GetHistoryAsync(HttpClient http, string sessionKey, string query)
    {
        using var response = await http.GetAsync($"/sessions/{Uri.EscapeDataString(sessionKey)}/history{query}").WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private static async Task<SseReader> OpenStreamAsync(HttpClient http, string sessionKey, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sessions/{Uri.EscapeDataString(sessionKey)}/history{query}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(await response.Content.ReadAsStreamAsync());
    }

    private static async Task AssertKeepaliveAsync(SseReader reader) =>
        await HttpApiFixture.EventuallyAsync(async () =>
        {
            // Nothing else happens in this session, so the next frames are keepalive comments (the read times out).
            try
            {
                var unexpected = await reader.NextAsync(HttpApiFixture.KeepAlive * 2);
                Assert.Fail($"unexpected event {unexpected?.Event}: {unexpected?.Data}");
            }
            catch (OperationCanceledException)
            {
            }
            return reader.Comments > 0;
        }, "a keepalive comment");

    private static List<long> Seqs(JsonNode page) =>
        [.. page["messages"]!.AsArray().Select(m => m!["__openclaw"]!["seq"]!.GetValue<long>())];

    private static async Task RunAsync(HttpClient http, string sessionKey, string message)
    {
        using var response = await http.PostAsync("/v1/agent/run", HttpApiFixture.Json(
            $$"""{"message":"{{message}}","sessionKey":"{{sessionKey}}"}""")).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
