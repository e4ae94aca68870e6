using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Gateway.Http;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>HTTP probes on the gateway port, and the shared bearer-auth helper for HTTP routes.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ProbeEndpointTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/health", """{"ok":true,"status":"live"}""")]
    [InlineData("/healthz", """{"ok":true,"status":"live"}""")]
    [InlineData("/ready", """{"ready":true}""")]
    [InlineData("/readyz", """{"ready":true}""")]
    [InlineData("/startup", """{"ok":true,"status":"started"}""")]
    [InlineData("/startupz", """{"ok":true,"status":"started"}""")]
    public async Task Probe_Get_200WithJson(string path, string expected)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress, Timeout = GatewayTestClient.DefaultTimeout };

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Probe_Head_200WithoutBody()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress, Timeout = GatewayTestClient.DefaultTimeout };

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Probe_Post_405PlainTextWithAllow()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress, Timeout = GatewayTestClient.DefaultTimeout };

        using var response = await http.PostAsync("/readyz", new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("Bearer wrong", 401)]
    [InlineData("Bearer " + GatewayTestClient.DefaultToken, 0)]
    public async Task HttpAuth_Bearer_UnauthorizedUnlessToken(string? header, int expectedStatus)
    {
        var auth = fixture.Gateway.Services.GetRequiredService<GatewayHttpAuth>();
        var context = new DefaultHttpContext { RequestServices = fixture.Gateway.Services };
        context.Connection.RemoteIpAddress = IPAddress.Parse($"198.51.100.{Random.Shared.Next(1, 250)}");
        context.Response.Body = new MemoryStream();
        if (header is not null)
        {
            context.Request.Headers.Authorization = header;
        }

        var result = auth.Authorize(context);

        if (expectedStatus == 0)
        {
            Assert.Null(result);
            return;
        }

        await result!.ExecuteAsync(context);
        Assert.Equal(expectedStatus, context.Response.StatusCode);
        Assert.Equal("""{"error":{"message":"unauthorized","type":"unauthorized"}}""", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }
}
