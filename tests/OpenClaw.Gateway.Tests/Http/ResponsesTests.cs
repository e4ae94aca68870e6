using System.Net;
using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary><c>POST /v1/responses</c> (OpenResponses) against the real gateway and an OpenAI stub model.</summary>
public sealed class ResponsesTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task Responses_StringInput_ReturnsACompletedResponseWithOutputText()
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/responses", HttpApiFixture.Json(
            """{"model":"openclaw","input":"what is up","instructions":"answer plainly"}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.StartsWith("resp_", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("response", body["object"]!.GetValue<string>());
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        var item = body["output"]![0]!;
        Assert.Equal("message", item["type"]!.GetValue<string>());
        Assert.Equal("assistant", item["role"]!.GetValue<string>());
        Assert.Equal("output_text", item["content"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("echo: what is up", item["content"]![0]!["text"]!.GetValue<string>());
        Assert.True(body["usage"]!["total_tokens"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Responses_ItemInput_AnswersTheLastUserMessageWithEarlierTurnsAsContext()
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/responses", HttpApiFixture.Json("""
            {"model":"openclaw/helper","input":[
              {"role":"developer","content":"be nice"},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"first"}]},
              {"role":"assistant","content":"ok"},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"second"}]}]}
            """)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(
            "echo: [Chat messages since your last reply - for context]\nUser: first\nAssistant: ok\n\n[Current message - respond to this]\nUser: second",
            body["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Responses_Stream_SendsTypedEventsInOrderThenDone()
    {
        using var http = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses")
        {
            Content = HttpApiFixture.Json("""{"model":"openclaw","input":"stream it","stream":true}"""),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync(Timeout);

        Assert.Equal("[DONE]", events[^1].Data);
        var typed = events[..^1];
        var names = typed.Select(e => e.Event!).Where(n => n != "response.output_text.delta").ToList();
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
             "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
            names);
        var payloads = typed.Select(e => JsonNode.Parse(e.Data)!.AsObject()).ToList();
        Assert.All(typed.Zip(payloads), p => Assert.Equal(p.First.Event, p.Second["type"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(0, payloads.Count).Select(i => (long)i), payloads.Select(p => p["sequence_number"]!.GetValue<long>()));
        var deltas = string.Concat(payloads.Where(p => p["type"]!.GetValue<string>() == "response.output_text.delta").Select(p => p["delta"]!.GetValue<string>()));
        Assert.Equal("echo: stream it", deltas);
        Assert.Equal("echo: stream it", payloads.Single(p => p["type"]!.GetValue<string>() == "response.output_text.done")["text"]!.GetValue<string>());
        var completed = payloads[^1]["response"]!;
        Assert.Equal("completed", completed["status"]!.GetValue<string>());
        Assert.Equal("echo: stream it", completed["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"model":"openclaw","input":42}""", "input")]
    [InlineData("""{"model":"openclaw","input":[{"role":"user"}]}""", "content")]
    [InlineData("""{"model":"openclaw","input":[{"role":"system","content":"x"}]}""", "user message")]
    [InlineData("""{"model":"openclaw"}""", "input")]
    [InlineData("""{"model":"openclaw","input":"x","unknown_knob":true}""", "unknown_knob")]
    [InlineData("""{"model":"llama","input":"x"}""", "model")]
    public async Task Responses_InvalidBody_Is400(string body, string expected)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/responses", HttpApiFixture.Json(body)).WaitAsync(Timeout);

        await ChatCompletionsTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", expected);
    }

    [Fact]
    public async Task Responses_RunsInTheOpenResponsesUserSession()
    {
        var user = $"bob-{Guid.NewGuid():N}";
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/responses", HttpApiFixture.Json(
            $$"""{"model":"openclaw","input":"hi","user":"{{user}}"}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await fixture.Session($"agent:main:openresponses-user:{user}").GetEntryAsync().WaitAsync(Timeout));
    }
}
