using System.Net;
using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>The seed documents' REST API: agent runs (JSON and SSE), sessions and channels.</summary>
public sealed class AgentRunRestTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task AgentRun_WaitsForTheRunAndReturnsResponseAndUsage()
    {
        var key = HttpApiFixture.NewSessionKey();
        var idempotencyKey = $"rest-{Guid.NewGuid():N}";
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/agent/run", HttpApiFixture.Json(
            $$"""{"message":"rest hello","sessionKey":"{{key}}","idempotencyKey":"{{idempotencyKey}}","timeoutMs":30000}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(idempotencyKey, body["runId"]!.GetValue<string>());
        Assert.Equal(key, body["sessionKey"]!.GetValue<string>());
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.Equal("echo: rest hello", body["response"]!.GetValue<string>());
        var usage = body["usage"]!;
        Assert.Equal(usage["input"]!.GetValue<long>() + usage["output"]!.GetValue<long>(), usage["total"]!.GetValue<long>());
        Assert.True(usage["total"]!.GetValue<long>() > 0);
        Assert.Equal("stub", body["provider"]!.GetValue<string>());
    }

    [Fact]
    public async Task AgentRun_RepeatedIdempotencyKey_ReturnsTheSameFinishedRun()
    {
        var key = HttpApiFixture.NewSessionKey();
        var body = HttpApiFixture.Json($$"""{"message":"once","sessionKey":"{{key}}","idempotencyKey":"dup-{{Guid.NewGuid():N}}"}""");
        using var http = fixture.Client();
        using var first = await http.PostAsync("/v1/agent/run", body).WaitAsync(Timeout);
        var requests = fixture.Stub.TotalRequests;

        using var second = await http.PostAsync("/v1/agent/run", HttpApiFixture.Json(await body.ReadAsStringAsync())).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var repeat = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal("ok", repeat["status"]!.GetValue<string>());
        Assert.Equal("echo: once", repeat["response"]!.GetValue<string>());
        Assert.Equal(requests, fixture.Stub.TotalRequests);
    }

    [Fact]
    public async Task AgentRunStream_SendsDeltaEventsThenDone()
    {
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/agent/run/stream")
        {
            Content = HttpApiFixture.Json($$"""{"message":"stream rest","agentId":"helper","sessionKey":"{{HttpApiFixture.NewSessionKey("helper")}}"}"""),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        Assert.Equal("done", events[^1].Event);
        Assert.All(events[..^1], e => Assert.Equal("delta", e.Event));
        var deltas = events[..^1].Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.NotEmpty(deltas);
        var done = JsonNode.Parse(events[^1].Data)!;
        Assert.All(deltas, d => Assert.Equal(done["runId"]!.GetValue<string>(), d["runId"]!.GetValue<string>()));
        Assert.Equal("echo: stream rest", string.Concat(deltas.Select(d => d["text"]!.GetValue<string>())));
        Assert.Equal("ok", done["status"]!.GetValue<string>());
        Assert.Equal("echo: stream rest", done["response"]!.GetValue<string>());
        Assert.True(done["usage"]!["total"]!.GetValue<long>() > 0);
    }

    [Theory]
    [InlineData("""{"sessionKey":"main"}""", "message")]
    [InlineData("""{"message":"x","bogus":1}""", "bogus")]
    [InlineData("""{"message":"x","agentId":"ghost"}""", "unknown agent")]
    [InlineData("""{"message":"x","sessionKey":"cron:nightly"}""", "reserved")]
    [InlineData("""{"message":"  "}""", "message")]
    [InlineData("""{"message":"x","timeoutMs":0}""", "timeoutMs")]
    public async Task AgentRun_InvalidBody_Is400(string body, string expected)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/agent/run", HttpApiFixture.Json(body)).WaitAsync(Timeout);

        await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", expected);
    }

    [Fact]
    public async Task Sessions_ListGetDelete_FollowTheSessionIndex()
    {
        var key = HttpApiFixture.NewSessionKey("helper");
        using var http = fixture.Client();
        using var run = await http.PostAsync("/v1/agent/run", HttpApiFixture.Json(
            $$"""{"message":"index me","agentId":"helper","sessionKey":"{{key}}"}""")).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var escaped = Uri.EscapeDataString(key);

        var list = JsonNode.Parse(await http.GetStringAsync($"/v1/sessions?agentId=helper&search={Uri.EscapeDataString(key)}&limit=5").WaitAsync(Timeout))!;
        using var get = await http.GetAsync($"/v1/sessions/{escaped}").WaitAsync(Timeout);
        using var delete = await http.DeleteAsync($"/v1/sessions/{escaped}").WaitAsync(Timeout);
        using var afterDelete = await http.GetAsync($"/v1/sessions/{escaped}").WaitAsync(Timeout);

        Assert.Equal(key, list["sessions"]![0]!["key"]!.GetValue<string>());
        Assert.True(list["total"]!.GetValue<int>() >= 1);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var entry = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal(key, entry["key"]!.GetValue<string>());
        Assert.Equal("helper", entry["agentId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        var deleted = JsonNode.Parse(await delete.Content.ReadAsStringAsync())!;
        Assert.True(deleted["ok"]!.GetValue<bool>());
        Assert.True(deleted["deleted"]!.GetValue<bool>());
        await ChatCompletionsTests.AssertErrorAsync(afterDelete, HttpStatusCode.NotFound, "not_found", key);
    }

    [Fact]
    public async Task Sessions_Paging_ReportsNextOffset()
    {
        using var http = fixture.Client();
        foreach (var i in Enumerable.Range(0, 2))
        {
            using var run = await http.PostAsync("/v1/agent/run", HttpApiFixture.Json(
                $$"""{"message":"page {{i}}","sessionKey":"{{HttpApiFixture.NewSessionKey()}}"}""")).WaitAsync(Timeout);
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        var page = JsonNode.Parse(await http.GetStringAsync("/v1/sessions?limit=1").WaitAsync(Timeout))!;
        using var badLimit = await http.GetAsync("/v1/sessions?limit=abc").WaitAsync(Timeout);

        Assert.Single(page["sessions"]!.AsArray());
        Assert.Equal(1, page["nextOffset"]!.GetValue<int>());
        await ChatCompletionsTests.AssertErrorAsync(badLimit, HttpStatusCode.BadRequest, "invalid_request_error", "limit");
    }

    [Fact]
    public async Task Sessions_DeleteWithReadOnlyScopes_Is403()
    {
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1/sessions/{Uri.EscapeDataString(HttpApiFixture.NewSessionKey())}");
        request.Headers.Add("x-openclaw-scopes", "operator.read, operator.write");

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        var error = await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.Forbidden, "forbidden", "operator.admin");
        Assert.Equal("MISSING_SCOPE", error["details"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Channels_ListFromConfig_AndToggleIs501()
    {
        using var http = fixture.Client();

        var list = JsonNode.Parse(await http.GetStringAsync("/v1/channels").WaitAsync(Timeout))!;
        using var enable = await http.PostAsync("/v1/channels/telegram/enable", null).WaitAsync(Timeout);
        using var disable = await http.PostAsync("/v1/channels/telegram/disable", null).WaitAsync(Timeout);

        var telegram = list["channels"]![0]!;
        Assert.Equal("telegram", telegram["id"]!.GetValue<string>());
        Assert.Equal("Telegram", telegram["label"]!.GetValue<string>());
        Assert.True(telegram["enabled"]!.GetValue<bool>());
        Assert.Equal("default", telegram["accounts"]![0]!["accountId"]!.GetValue<string>());
        await ChatCompletionsTests.AssertErrorAsync(enable, HttpStatusCode.NotImplemented, "not_implemented", "not implemented");
        await ChatCompletionsTests.AssertErrorAsync(disable, HttpStatusCode.NotImplemented, "not_implemented", "not implemented");
    }

    [Fact]
    public async Task Rest_WithoutBearer_Is401()
    {
        using var http = fixture.Client("");

        using var run = await http.PostAsync("/v1/agent/run", HttpApiFixture.Json("""{"message":"x"}""")).WaitAsync(Timeout);
        using var sessions = await http.GetAsync("/v1/sessions").WaitAsync(Timeout);
        using var channels = await http.GetAsync("/v1/channels").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, run.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sessions.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, channels.StatusCode);
    }
}
