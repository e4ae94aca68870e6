using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Gateway.Tests.Infrastructure;
using OpenClaw.Gateway.Tests.Methods;

namespace OpenClaw.Gateway.Tests.Dashboard;

/// <summary>
/// /dashboard on a real embedded gateway: the page and its JSON are closed without the gateway token, open with a
/// bearer or with the session cookie a browser gets by presenting the token once, and the JSON reports this process
/// as the one silo and front with the grain calls it served.
/// </summary>
public sealed class DashboardHttpTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Page_WithoutToken_Is401LoginForm()
    {
        using var http = NewClient();

        using var response = await http.GetAsync("/dashboard").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("action=\"/dashboard/login\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard.js", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithBearer_Is200Page()
    {
        using var http = NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayTestClient.DefaultToken);

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<script src=\"/dashboard/dashboard.js\"></script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Page_WithTokenInQuery_RedirectsWithSessionCookieThatOpensPageAndJson()
    {
        var cookies = new CookieContainer();
        using var http = NewClient(cookies);

        using var login = await http.GetAsync($"/dashboard?token={GatewayTestClient.DefaultToken}").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/dashboard", login.Headers.Location?.OriginalString);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(GatewayTestClient.DefaultToken, setCookie, StringComparison.Ordinal);

        using var page = await http.GetAsync("/dashboard").WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var status = await http.GetAsync("/dashboard/api/status").WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task Login_FormWithToken_RedirectsWithSessionCookie_WrongTokenIs401()
    {
        var cookies = new CookieContainer();
        using var http = NewClient(cookies);

        using var wrong = await http.PostAsync("/dashboard/login", new FormUrlEncodedContent([new("token", "not-the-token")])).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(cookies.GetCookies(fixture.BaseAddress));

        using var right = await http.PostAsync("/dashboard/login", new FormUrlEncodedContent([new("token", GatewayTestClient.DefaultToken)])).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        using var page = await http.GetAsync("/dashboard").WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Json_WithoutTokenOrWithForgedCookie_Is401()
    {
        var cookies = new CookieContainer();
        cookies.Add(fixture.BaseAddress, new Cookie("openclaw_dashboard", "Zm9yZ2VkLWNvb2tpZS12YWx1ZQ", "/dashboard"));
        using var forged = NewClient(cookies);
        using var none = NewClient();

        using var withoutToken = await none.GetAsync("/dashboard/api/status").WaitAsync(Timeout);
        using var withForgedCookie = await forged.GetAsync("/dashboard/api/status").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedCookie.StatusCode);
        var error = Field.Object(JsonNode.Parse(await withoutToken.Content.ReadAsStringAsync())!.AsObject(), "error");
        Assert.Equal("unauthorized", Field.String(error, "type"));
    }

    [Fact]
    public async Task Json_AfterGrainCalls_ReportsEmbeddedSiloFrontShardAndGrainTypeMetrics()
    {
        var grains = fixture.Gateway.Services.GetRequiredService<IGrainFactory>();
        for (var i = 0; i < 20; i++)
            await grains.GetGrain<ISessionIndexGrain>($"dashboard-{Guid.NewGuid():N}").GetSummaryAsync(0).WaitAsync(Timeout);
        var (client, _) = await GatewayTestClient.ConnectAsync(fixture.BaseAddress);
        await using var connected = client;
        Assert.True((await client.RequestAsync("sessions.subscribe", new JsonObject())).Ok);
        Assert.True((await client.RequestAsync("sessions.messages.subscribe", new JsonObject { ["key"] = $"agent:main:dashboard-{Guid.NewGuid():N}" })).Ok);

        var report = await GetStatusAsync();

        Assert.Equal("embedded", Field.String(report, "mode"));
        var silo = Assert.Single(Field.Array(report, "silos"))!.AsObject();
        Assert.True(Field.Bool(silo, "alive"));
        Field.Null(silo, "shardsOwned");
        Assert.True(Field.Number(silo, "activations") >= 20);
        Assert.True(Field.Number(Field.Object(silo, "activationsByGrainType"), "sessionindex") >= 20);

        var shards = Field.Object(report, "shards");
        Assert.Equal(1, Field.Number(shards, "count"));
        Assert.False(Field.Bool(shards, "queueDepthReported"));
        Assert.Contains("Embedded mode", Field.String(shards, "note"), StringComparison.Ordinal);
        var shard = Assert.Single(Field.Array(shards, "items"))!.AsObject();
        Assert.Equal(Field.String(silo, "name"), Field.String(shard, "owner"));
        Field.Null(shard, "queueDepth");

        var sessionIndex = Field.Array(report, "grainTypes").Select(g => g!.AsObject()).Single(g => Field.String(g, "grainType") == "sessionindex");
        Assert.True(Field.Number(sessionIndex, "calls") >= 20);
        Assert.True(Field.Number(sessionIndex, "activations") >= 20);
        Assert.True(Field.Number(sessionIndex, "callsPerSecond") > 0);
        Assert.True(Field.Number(sessionIndex, "p50Ms") > 0);
        Assert.True(Field.Number(sessionIndex, "p99Ms") >= Field.Number(sessionIndex, "p50Ms"));
        Field.Has(sessionIndex, "errors", System.Text.Json.JsonValueKind.Number);
        Assert.True(Field.Number(sessionIndex, "windowSeconds") > 0);

        var front = Assert.Single(Field.Array(report, "fronts"))!.AsObject();
        Assert.True(Field.Bool(front, "alive"));
        Assert.True(Field.Number(front, "connections") >= 1);
        Assert.True(Field.Number(front, "subscriptions") >= 2); // this test's two; other tests of the fixture may add theirs
    }

    [Fact]
    public async Task Script_IsServedWithoutAuthAndRendersOnlyText()
    {
        using var http = NewClient();

        using var response = await http.GetAsync("/dashboard/dashboard.js").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("textContent", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        Assert.Contains("/dashboard/api/status", script, StringComparison.Ordinal);
    }

    private async Task<JsonObject> GetStatusAsync()
    {
        using var http = NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayTestClient.DefaultToken);
        using var response = await http.SendAsync(request).WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private HttpClient NewClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = fixture.BaseAddress,
        };
}
