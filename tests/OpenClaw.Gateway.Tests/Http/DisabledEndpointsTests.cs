using System.Net;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>The OpenAI-compatible routes are off by default: 404, even with a valid bearer, while the rest is on.</summary>
public sealed class DisabledEndpointsTests
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task OpenAiRoutes_NotEnabledInConfig_Are404WhileToolsInvokeIsOn()
    {
        var workspace = Directory.CreateTempSubdirectory("openclaw-http-off-").FullName;
        try
        {
            await using var gateway = await TestGateway.StartAsync(configJson: HttpApiFixture.Config("http://127.0.0.1:9/v1", workspace, endpointsEnabled: false));
            using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = Timeout };
            http.DefaultRequestHeaders.Authorization = new("Bearer", GatewayTestClient.DefaultToken);

            using var chat = await http.PostAsync("/v1/chat/completions", HttpApiFixture.Json("""{"model":"openclaw","messages":[]}"""));
            using var responses = await http.PostAsync("/v1/responses", HttpApiFixture.Json("""{"model":"openclaw","input":"x"}"""));
            using var models = await http.GetAsync("/v1/models");
            using var model = await http.GetAsync("/v1/models/openclaw");
            using var embeddings = await http.PostAsync("/v1/embeddings", HttpApiFixture.Json("""{"model":"openclaw","input":"x"}"""));
            using var tools = await http.PostAsync("/tools/invoke", HttpApiFixture.Json("""{"tool":"sessions_list"}"""));

            await ChatCompletionsTests.AssertErrorAsync(chat, HttpStatusCode.NotFound, "not_found", "not found");
            await ChatCompletionsTests.AssertErrorAsync(responses, HttpStatusCode.NotFound, "not_found", "not found");
            await ChatCompletionsTests.AssertErrorAsync(models, HttpStatusCode.NotFound, "not_found", "not found");
            await ChatCompletionsTests.AssertErrorAsync(model, HttpStatusCode.NotFound, "not_found", "not found");
            await ChatCompletionsTests.AssertErrorAsync(embeddings, HttpStatusCode.NotFound, "not_found", "not found");
            Assert.Equal(HttpStatusCode.OK, tools.StatusCode);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }
}
