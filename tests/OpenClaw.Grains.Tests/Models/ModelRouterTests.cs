using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Configuration;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Models.Routing;
using OpenClaw.Grains.Tests.Models.Support;
using OpenClaw.TestStubs;

namespace OpenClaw.Grains.Tests.Models;

/// <summary>
/// The router over real clients and stubs: resolution errors, retries before the first update, fallbacks with the
/// failed attempts recorded, no fallback on auth errors, the per-provider breaker, and config hot reload.
/// </summary>
public sealed class ModelRouterTests : IAsyncLifetime
{
    private static readonly ModelChain PrimaryThenFallback = new("a/m1", ["b/m2"]);

    private readonly ModelHarness _harness = new();
    private OpenAiStubServer _primary = null!;
    private AnthropicStubServer _fallback = null!;

    public async Task InitializeAsync()
    {
        _primary = await OpenAiStubServer.StartAsync();
        _fallback = await AnthropicStubServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _fallback.DisposeAsync();
        _harness.Dispose();
    }

    private IModelRouter Router() =>
        _harness.Router(new ModelConfigs().OpenAi("a", _primary, "m1").Anthropic("b", _fallback, "m2").Source());

    [Fact]
    public async Task StreamAsync_NoProviderConfigured_ThrowsUnavailableWithHowTo()
    {
        var router = _harness.Router(new ModelConfigs().Source());

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(router, new ModelChain("a/m1", []), ModelHarness.Ask("x")));

        Assert.Equal(ModelErrorKind.Unavailable, failure.Kind);
        Assert.Equal(ModelRouter.NoProviderMessage, failure.Message);
        Assert.Contains("models.providers.<id>", failure.Message);
        Assert.Contains("agents.defaults.model.primary", failure.Message);
    }

    [Theory]
    [InlineData("nope/m1", "unknown model provider \"nope\"")]
    [InlineData("a/unknown", "unknown model \"unknown\" for provider \"a\"")]
    [InlineData("m9", "model \"m9\" has no provider")]
    public async Task StreamAsync_UnknownModelReference_NamesItAndTheConfiguredProviders(string reference, string expected)
    {
        var failure = await Assert.ThrowsAsync<ModelCallException>(() =>
            ModelHarness.CollectAsync(Router(), new ModelChain(reference, ["b/m2"]), ModelHarness.Ask("x")));

        Assert.Equal(ModelErrorKind.BadRequest, failure.Kind);
        Assert.Contains(expected, failure.Message);
        Assert.Contains(reference.StartsWith("a/", StringComparison.Ordinal) ? "m1" : "a, b", failure.Message);
        Assert.Equal(0, _fallback.TotalRequests);
    }

    [Fact]
    public async Task StreamAsync_BareModelIdOfOneProvider_ResolvesToIt()
    {
        var updates = await ModelHarness.CollectAsync(Router(), new ModelChain("m2", []), ModelHarness.Ask("bare"));

        Assert.All(updates, u => Assert.Equal(("b", "m2"), (u.Provider, u.Model)));
    }

    [Fact]
    public async Task StreamAsync_PrimaryAnswers_UpdatesCarryProviderAndModel()
    {
        var updates = await ModelHarness.CollectAsync(Router(), PrimaryThenFallback, ModelHarness.Ask("hello"));

        Assert.Equal("echo: hello", ModelHarness.TextOf(updates.Select(u => u.Update)));
        Assert.All(updates, u => Assert.Equal(("a", "m1"), (u.Provider, u.Model)));
        Assert.All(updates, u => Assert.Empty(u.FailedAttempts));
        Assert.Equal("m1", Assert.Single(_primary.Requests).Model);
    }

    [Fact]
    public async Task StreamAsync_RateLimitedOnce_RetriesThenSucceeds()
    {
        _primary.Enqueue(StubReply.RateLimited());

        var updates = await ModelHarness.CollectAsync(Router(), PrimaryThenFallback, ModelHarness.Ask("again"));

        Assert.Equal("echo: again", ModelHarness.TextOf(updates.Select(u => u.Update)));
        Assert.All(updates, u => Assert.Equal("a", u.Provider));
        Assert.Empty(updates[0].FailedAttempts);
        Assert.Equal(2, _primary.TotalRequests);
        Assert.Equal(0, _fallback.TotalRequests);
    }

    [Fact]
    public async Task StreamAsync_RetryAfterWithinCap_WaitsThatLongBeforeRetrying()
    {
        _primary.Enqueue(StubReply.RateLimited(TimeSpan.FromSeconds(1)));
        var clock = Stopwatch.StartNew();

        var updates = await ModelHarness.CollectAsync(Router(), PrimaryThenFallback, ModelHarness.Ask("patient"));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
        Assert.All(updates, u => Assert.Equal("a", u.Provider));
    }

    [Fact]
    public async Task StreamAsync_RetryAfterBeyondCap_FallsBackWithoutRetrying()
    {
        _primary.Enqueue(StubReply.RateLimited(TimeSpan.FromSeconds(60)));

        var updates = await ModelHarness.CollectAsync(Router(), PrimaryThenFallback, ModelHarness.Ask("hurry"));

        Assert.All(updates, u => Assert.Equal("b", u.Provider));
        Assert.Equal(1, _primary.TotalRequests);
    }

    [Fact]
    public async Task StreamAsync_RateLimitPersists_FallsBackAndRecordsTheFailedAttempt()
    {
        _primary.SetDefault(StubReply.RateLimited());

        var updates = await ModelHarness.CollectAsync(Router(), PrimaryThenFallback, ModelHarness.Ask("fallback please"));

        Assert.Equal("echo: fallback please", ModelHarness.TextOf(updates.Select(u => u.Update)));
        Assert.All(updates, u => Assert.Equal(("b", "m2"), (u.Provider, u.Model)));
        Assert.All(updates, u => Assert.Equal(["a/m1: RateLimit"], u.FailedAttempts));
        Assert.Equal(1 + _harness.Options.MaxRetries, _primary.TotalRequests);
        Assert.Equal("m2", Assert.Single(_fallback.Requests).Model);
    }

    [Fact]
    public async Task StreamAsync_EveryModelFails_ThrowsWithAllAttempts()
    {
        _primary.SetDefault(StubReply.Fail(503, "down"));
        _fallback.SetDefault(StubReply.Fail(529, "overloaded"));

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(Router(), PrimaryThenFallback, ModelHarness.Ask("x")));

        Assert.Equal(ModelErrorKind.Unavailable, failure.Kind);
        Assert.Contains("a/m1: Unavailable", failure.Message);
        Assert.Contains("b/m2: Unavailable", failure.Message);
    }

    [Fact]
    public async Task StreamAsync_Unauthorized_ThrowsAuthWithoutRetryOrFallback()
    {
        _primary.Enqueue(StubReply.Fail(401, "Incorrect API key provided"));

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(Router(), PrimaryThenFallback, ModelHarness.Ask("x")));

        Assert.Equal(ModelErrorKind.Auth, failure.Kind);
        Assert.Equal(1, _primary.TotalRequests);
        Assert.Equal(0, _fallback.TotalRequests);
    }

    [Fact]
    public async Task StreamAsync_ContextLengthExceeded_ThrowsWithoutFallback()
    {
        _primary.Enqueue(StubReply.Fail(400, "This model's maximum context length is 8192 tokens", code: "context_length_exceeded"));

        var failure = await Assert.ThrowsAsync<ModelCallException>(() => ModelHarness.CollectAsync(Router(), PrimaryThenFallback, ModelHarness.Ask("x")));

        Assert.Equal(ModelErrorKind.ContextLength, failure.Kind);
        Assert.Equal(0, _fallback.TotalRequests);
    }

    [Fact]
    public async Task StreamAsync_FailureAfterFirstUpdate_IsNeitherRetriedNorFallenBack()
    {
        _primary.Enqueue(new StubReply { TextChunks = ["partial", " never"], TruncateAfterChunks = 1 });
        var seen = new List<RoutedModelUpdate>();

        await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in Router().StreamAsync(PrimaryThenFallback, ModelHarness.Ask("x"), CancellationToken.None))
                seen.Add(update);
        }).WaitAsync(ModelHarness.Timeout);

        Assert.Equal("partial", ModelHarness.TextOf(seen.Select(u => u.Update)));
        Assert.Equal(1, _primary.TotalRequests);
        Assert.Equal(0, _fallback.TotalRequests);
    }

    [Fact]
    public async Task StreamAsync_ProviderSilentBeyondTimeout_FallsBackAsTimeout()
    {
        _primary.Enqueue(new StubReply { TextChunks = ["late"], ResponseDelay = TimeSpan.FromSeconds(5) });
        using var harness = new ModelHarness(new ModelRouterOptions { MaxRetries = 0 });
        var configs = new ModelConfigs().Add("a", _primary.BaseUrl, "openai-completions", ["m1"], timeoutSeconds: 1).Anthropic("b", _fallback, "m2");

        var updates = await ModelHarness.CollectAsync(harness.Router(configs.Source()), PrimaryThenFallback, ModelHarness.Ask("x"));

        Assert.All(updates, u => Assert.Equal(["a/m1: Timeout"], u.FailedAttempts));
        Assert.All(updates, u => Assert.Equal("b", u.Provider));
    }

    [Fact]
    public async Task StreamAsync_RepeatedFailures_OpenTheBreakerAndTheNextCallSkipsTheProvider()
    {
        _primary.SetDefault(StubReply.Fail(500, "boom"));
        var router = Router();

        // 1 + 2 retries = 3 failures: below the minimum throughput of 4, the breaker stays closed.
        await ModelHarness.CollectAsync(router, PrimaryThenFallback, ModelHarness.Ask("one"));
        Assert.Equal(3, _primary.TotalRequests);
        // The 4th failure opens it; the retry in flight is cut short by the open breaker.
        var second = await ModelHarness.CollectAsync(router, PrimaryThenFallback, ModelHarness.Ask("two"));
        Assert.Equal(4, _primary.TotalRequests);
        Assert.Equal(["a/m1: circuit open"], second[0].FailedAttempts);

        var third = await ModelHarness.CollectAsync(router, PrimaryThenFallback, ModelHarness.Ask("three"));

        Assert.Equal(4, _primary.TotalRequests);
        Assert.Equal(["a/m1: circuit open"], third[0].FailedAttempts);
        Assert.Equal("echo: three", ModelHarness.TextOf(third.Select(u => u.Update)));
        Assert.All(third, u => Assert.Equal("b", u.Provider));
    }

    [Fact]
    public async Task StreamAsync_ConfigReloaded_UsesTheNewProviderEntry()
    {
        await using var replacement = await OpenAiStubServer.StartAsync();
        var source = new ModelConfigs().OpenAi("a", _primary, "m1").Source();
        var router = _harness.Router(source);
        await ModelHarness.CollectAsync(router, new ModelChain("a/m1", []), ModelHarness.Ask("before"));

        source.Publish(new ModelConfigs().OpenAi("a", replacement, "m1").Snapshot());
        await ModelHarness.CollectAsync(router, new ModelChain("a/m1", []), ModelHarness.Ask("after"));

        Assert.Equal(1, _primary.TotalRequests);
        Assert.Equal(1, replacement.TotalRequests);
    }

    [Fact]
    public async Task AddOpenClawModels_FromServiceProvider_RoutesToTheConfiguredProvider()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IOpenClawConfigSource>(new ModelConfigs().OpenAi("a", _primary, "m1").Source())
            .AddOpenClawModels(options => options.MaxRetries = 0);
        await using var provider = services.BuildServiceProvider();

        var router = provider.GetRequiredService<IModelRouter>();
        var updates = await ModelHarness.CollectAsync(router, new ModelChain("a/m1", []), ModelHarness.Ask("from di"));

        Assert.Equal("echo: from di", ModelHarness.TextOf(updates.Select(u => u.Update)));
    }
}
