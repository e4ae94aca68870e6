using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>HTTP GET /status of the seed documents, behind the gateway's bearer auth.</summary>
public sealed class StatusEndpointTests(FoundationGatewayFixture fixture) : IClassFixture<FoundationGatewayFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Status_WithBearerToken_ReturnsVersionListenChannelsAndSessions()
    {
        await fixture.SessionIndex("main").UpsertAsync(new SessionEntry
        {
            Key = "agent:main:status-endpoint",
            SessionId = Guid.NewGuid().ToString(),
            UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        });
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayTestClient.DefaultToken);

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("2026.9.6", Field.String(body, "version"));
        Assert.True(Field.Number(body, "uptimeMs") >= 0);
        var gateway = Field.Object(body, "gateway");
        Assert.Equal(fixture.BaseAddress.Port, Field.Number(gateway, "port"));
        Assert.Equal("loopback", Field.String(gateway, "bind"));
        Assert.Equal("token", Field.String(gateway, "authMode"));
        var channels = Field.Array(body, "channels").Select(c => c!.AsObject()).ToList();
        Assert.Equal(["telegram", "discord"], channels.Select(c => Field.String(c, "id")));
        Assert.True(Field.Bool(channels[0], "enabled"));
        Assert.Equal(["home", "work"], Field.Array(channels[1], "accounts").Select(a => a!.GetValue<string>()));
        Assert.True(Field.Number(Field.Object(body, "sessions"), "count") >= 1);
        Assert.DoesNotContain(GatewayTestClient.DefaultToken, body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Status_WithoutValidBearer_Is401WithTheGatewayErrorShape(string? token)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = Field.Object(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), "error");
        Assert.Equal("unauthorized", Field.String(error, "message"));
        Assert.Equal("unauthorized", Field.String(error, "type"));
    }
}
