using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Tests.Infrastructure;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>
/// <c>POST /v1/embeddings</c> against the real gateway: the default agent's <c>memorySearch</c> points at the OpenAI
/// stub's <c>/v1/embeddings</c>; agent <c>helper</c> names a provider that is not configured.
/// </summary>
public sealed class EmbeddingsEndpointTests(EmbeddingsFixture fixture) : IClassFixture<EmbeddingsFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task Embeddings_StringInput_ReturnsOneVectorFromTheConfiguredProvider()
    {
        var text = $"hello {Guid.NewGuid():N}";
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/embeddings", HttpApiFixture.Json($$"""{"model":"openclaw","input":"{{text}}"}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("list", body["object"]!.GetValue<string>());
        Assert.Equal("openclaw", body["model"]!.GetValue<string>());
        var item = Assert.Single(body["data"]!.AsArray())!;
        Assert.Equal("embedding", item["object"]!.GetValue<string>());
        Assert.Equal(0, item["index"]!.GetValue<int>());
        Assert.Equal(OpenAiStubServer.StubEmbedding(text), item["embedding"]!.AsArray().Select(v => v!.GetValue<float>()));
        Assert.True(body["usage"]!["prompt_tokens"]!.GetValue<long>() > 0);
        var sent = fixture.Stub.Requests.Last(r => r.Path == "/v1/embeddings" && r.Body!.ToJsonString().Contains(text, StringComparison.Ordinal));
        Assert.Equal(EmbeddingsFixture.EmbeddingModel, sent.Model);
        Assert.Equal("Bearer " + EmbeddingsFixture.EmbeddingKey, sent.Header("authorization"));
    }

    [Fact]
    public async Task Embeddings_ArrayInputAsBase64_ReturnsLittleEndianFloat32PerInputInOrder()
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/embeddings", HttpApiFixture.Json(
            """{"model":"openclaw/main","input":["a","bbb"],"encoding_format":"base64","dimensions":4}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();
        Assert.Equal([0, 1], data.Select(d => d!["index"]!.GetValue<int>()));
        Assert.Equal(OpenAiStubServer.StubEmbedding("a", 4), Floats(data[0]!["embedding"]!.GetValue<string>()));
        Assert.Equal(OpenAiStubServer.StubEmbedding("bbb", 4), Floats(data[1]!["embedding"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Embeddings_ModelHeader_PicksAnotherModelOfTheSameProviderOnly()
    {
        using var http = fixture.Client();
        var marker = $"m-{Guid.NewGuid():N}";

        using var other = await SendAsync(http, $$"""{"model":"openclaw","input":"{{marker}}"}""", ("x-openclaw-model", "openai/other-embed"));
        using var foreign = await SendAsync(http, """{"model":"openclaw","input":"x"}""", ("x-openclaw-model", "voyage/voyage-3"));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("other-embed", fixture.Stub.Requests.Last(r => r.Body?.ToJsonString().Contains(marker, StringComparison.Ordinal) == true).Model);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("This agent does not allow that embedding provider on `/v1/embeddings`.", await ErrorMessageAsync(foreign, "invalid_request_error"));
    }

    [Theory]
    [InlineData("""{"input":"x"}""", "Missing `model`.")]
    [InlineData("""{"model":"gpt-4o","input":"x"}""", "Invalid `model`. Use `openclaw` or `openclaw/<agentId>`.")]
    [InlineData("""{"model":"openclaw","input":42}""", "`input` must be a string or an array of strings.")]
    [InlineData("""{"model":"openclaw","input":["a",1]}""", "`input` must be a string or an array of strings.")]
    [InlineData("""{"model":"openclaw"}""", "`input` must be a string or an array of strings.")]
    public async Task Embeddings_InvalidRequest_Returns400(string body, string message)
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/embeddings", HttpApiFixture.Json(body)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await ErrorMessageAsync(response, "invalid_request_error"));
    }

    [Fact]
    public async Task Embeddings_TooManyOrTooLongInputs_Returns400()
    {
        using var http = fixture.Client();
        var many = new JsonObject { ["model"] = "openclaw", ["input"] = new JsonArray([.. Enumerable.Range(0, 129).Select(i => (JsonNode)$"t{i}")]) };
        var longText = new JsonObject { ["model"] = "openclaw", ["input"] = new string('x', 8_193) };

        using var tooMany = await http.PostAsync("/v1/embeddings", HttpApiFixture.Json(many.ToJsonString())).WaitAsync(Timeout);
        using var tooLong = await http.PostAsync("/v1/embeddings", HttpApiFixture.Json(longText.ToJsonString())).WaitAsync(Timeout);

        Assert.Equal("Too many inputs (max 128).", await ErrorMessageAsync(tooMany, "invalid_request_error"));
        Assert.Equal("Input too long (max 8192 chars).", await ErrorMessageAsync(tooLong, "invalid_request_error"));
    }

    [Fact]
    public async Task Embeddings_NoProviderConfiguredForTheAgent_Returns500ApiErrorSayingWhatToConfigure()
    {
        using var http = fixture.Client();

        using var response = await http.PostAsync("/v1/embeddings", HttpApiFixture.Json("""{"model":"openclaw/helper","input":"x"}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("memorySearch", await ErrorMessageAsync(response, "api_error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_ProviderFails_Returns500InternalError()
    {
        using var http = fixture.Client();

        using var response = await SendAsync(http, """{"model":"openclaw","input":"x"}""", ("x-openclaw-model", OpenAiStubServer.FailingEmbeddingModel));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal error", await ErrorMessageAsync(response, "api_error"));
    }

    [Fact]
    public async Task Embeddings_WithoutBearer_Returns401()
    {
        using var http = fixture.Client(token: "");

        using var response = await http.PostAsync("/v1/embeddings", HttpApiFixture.Json("""{"model":"openclaw","input":"x"}""")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string body, (string Name, string Value) header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = HttpApiFixture.Json(body) };
        request.Headers.Add(header.Name, header.Value);
        return await http.SendAsync(request).WaitAsync(Timeout);
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, string type)
    {
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(type, error["type"]!.GetValue<string>());
        return error["message"]!.GetValue<string>();
    }

    private static float[] Floats(string base64) => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64)).ToArray();
}

/// <summary>The HTTP API fixture's config plus <c>agents.defaults.memorySearch</c> on the stub and a helper without one.</summary>
public sealed class EmbeddingsFixture : IAsyncLifetime
{
    public const string EmbeddingModel = "stub-embed";
    public const string EmbeddingKey = "sk-embed-test";

    private OpenAiStubServer? _stub;
    private TestGateway? _gateway;
    private readonly string _workspace = Directory.CreateTempSubdirectory("openclaw-embed-ws-").FullName;

    public OpenAiStubServer Stub => _stub ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync()
    {
        _stub = await OpenAiStubServer.StartAsync([HttpApiFixture.EchoModel]);
        var config = JsonNode.Parse(HttpApiFixture.Config(_stub.BaseUrl, _workspace, endpointsEnabled: true))!.AsObject();
        config["agents"]!["defaults"]!["memorySearch"] = new JsonObject
        {
            ["provider"] = "openai",
            ["model"] = EmbeddingModel,
            ["remote"] = new JsonObject { ["baseUrl"] = _stub.BaseUrl, ["apiKey"] = EmbeddingKey },
        };
        config["agents"]!["entries"]!["helper"] = new JsonObject { ["memorySearch"] = new JsonObject { ["provider"] = "voyage" } };
        _gateway = await TestGateway.StartAsync(configJson: config.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_stub is not null) await _stub.DisposeAsync();
        Directory.Delete(_workspace, recursive: true);
    }

    public HttpClient Client(string? token = GatewayTestClient.DefaultToken)
    {
        var http = new HttpClient { BaseAddress = (_gateway ?? throw new InvalidOperationException("fixture not started")).BaseAddress, Timeout = HttpApiFixture.Timeout };
        if (!string.IsNullOrEmpty(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
