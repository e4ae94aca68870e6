using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;
using OpenClaw.Gateway.Tests.Methods;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary><c>cluster.status</c> over the WebSocket protocol: admin only, and the same document as the dashboard JSON.</summary>
public sealed class ClusterStatusMethodTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ClusterStatus_ReadOnlyScope_IsForbidden()
    {
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read));
        await using var _ = client;

        var error = await client.CallErrorAsync("cluster.status");

        Assert.Equal(ErrorCodes.Forbidden, Field.String(error, "code"));
        Assert.Contains(OperatorScopes.Admin, Field.String(error, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterStatus_Admin_ReturnsTheDashboardDocument()
    {
        var (client, hello) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var _ = client;

        var payload = await client.CallOkAsync("cluster.status");
        var http = await GetHttpStatusAsync();

        Assert.Contains("cluster.status", hello.Features.Methods);
        Assert.Equal("embedded", Field.String(payload, "mode"));
        Assert.Equal(Keys(http), Keys(payload));
        Assert.Equal(Keys(Field.Object(http, "shards")), Keys(Field.Object(payload, "shards")));
        Assert.Equal(Keys(Field.Array(http, "silos")[0]!.AsObject()), Keys(Field.Array(payload, "silos")[0]!.AsObject()));
        Assert.Equal(Keys(Field.Array(http, "fronts")[0]!.AsObject()), Keys(Field.Array(payload, "fronts")[0]!.AsObject()));
        Assert.Equal(Field.String(http, "reportedBy"), Field.String(payload, "reportedBy"));
    }

    private static string[] Keys(JsonObject value) => [.. value.Select(p => p.Key)];

    private async Task<JsonObject> GetHttpStatusAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayTestClient.DefaultToken);
        using var response = await http.SendAsync(request).WaitAsync(GatewayTestClient.DefaultTimeout);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
