using System.Net;
using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary><c>GET /v1/models[/{id}]</c>: the agents as OpenAI model ids.</summary>
public sealed class ModelsEndpointTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private static readonly TimeSpan Timeout = HttpApiFixture.Timeout;

    [Fact]
    public async Task Models_List_HasBaseDefaultAndOneIdPerAgent()
    {
        using var http = fixture.Client();

        using var response = await http.GetAsync("/v1/models").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("list", body["object"]!.GetValue<string>());
        var data = body["data"]!.AsArray();
        Assert.Equal(["openclaw", "openclaw/default", "openclaw/helper", "openclaw/main", "openclaw/slow"], data.Select(m => m!["id"]!.GetValue<string>()));
        Assert.All(data, m =>
        {
            Assert.Equal("model", m!["object"]!.GetValue<string>());
            Assert.Equal("openclaw", m["owned_by"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Models_GetById_ReturnsTheModelOr404()
    {
        using var http = fixture.Client();

        using var found = await http.GetAsync("/v1/models/openclaw/helper").WaitAsync(Timeout);
        using var missing = await http.GetAsync("/v1/models/openclaw/nobody").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("openclaw/helper", JsonNode.Parse(await found.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        await ChatCompletionsTests.AssertErrorAsync(missing, HttpStatusCode.NotFound, "not_found", "openclaw/nobody");
    }

    [Fact]
    public async Task Models_WithoutBearer_Is401()
    {
        using var http = fixture.Client("");

        using var response = await http.GetAsync("/v1/models").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
