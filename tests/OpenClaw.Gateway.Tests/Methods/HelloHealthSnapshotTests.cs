using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Methods.Diagnostics;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Methods.SystemInfo;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>
/// hello-ok's health snapshot reads the session index grains; in cluster mode such a call can wait for a shard moving
/// between silos until its deadline. A connect must not: the snapshot waits at most <see cref="HealthSummaryService.HelloBudget"/>.
/// </summary>
public sealed class HelloHealthSnapshotTests
{
    [Fact]
    public async Task HelloSnapshot_SessionIndexCallHangs_AnswersWithinTheBudgetWithoutSessions()
    {
        var index = new SessionIndexStandIn();
        using var service = CreateService(index);

        var started = TimeProvider.System.GetTimestamp();
        var snapshot = await ((IHealthSnapshotProvider)service).GetAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var waited = TimeProvider.System.GetElapsedTime(started);

        Assert.InRange(waited, HealthSummaryService.HelloBudget - TimeSpan.FromMilliseconds(50), HealthSummaryService.HelloBudget + TimeSpan.FromSeconds(3));
        Assert.Equal(0, (int)snapshot["sessions"]!["count"]!);
        Assert.Equal("main", (string?)snapshot["agents"]![0]!["agentId"]);
    }

    [Fact]
    public async Task HelloSnapshot_IndexAnswersAfterTheBudget_TheLateBuildRefreshesTheCacheForTheNextConnect()
    {
        var index = new SessionIndexStandIn();
        using var service = CreateService(index);
        await ((IHealthSnapshotProvider)service).GetAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        index.Answer(new SessionIndexSummary("/state/agents/main/sessions/sessions.json", 3, []));
        JsonNode? next = null;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (next?["sessions"]?["count"]?.GetValue<int>() != 3)
        {
            bound.Token.ThrowIfCancellationRequested();
            next = await ((IHealthSnapshotProvider)service).GetAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(1, index.Calls); // the late build was not started again by the second connect
    }

    private static HealthSummaryService CreateService(SessionIndexStandIn index)
    {
        var snapshot = new ConfigSnapshot("/nowhere/openclaw.json", Exists: false, Raw: null, Parsed: new JsonObject(), Config: OpenClawConfig.Default,
            Hash: "sha256:00", Issues: [], Warnings: [], IncludedPaths: []);
        return new HealthSummaryService(new OpenClawConfigSource(snapshot), new SessionStoreSummaries(new GrainsStandIn(index), TimeProvider.System),
            new RuntimeLoadMonitor(TimeProvider.System, NullLogger<RuntimeLoadMonitor>.Instance), TimeProvider.System,
            NullLogger<HealthSummaryService>.Instance);
    }

    private sealed class GrainsStandIn(ISessionIndexGrain index) : IGrainFactory
    {
        public T GetGrain<T>(string primaryKey) where T : IGrainWithStringKey => (T)index;
    }

    /// <summary>A session index whose summary call waits until the test answers it (a call stuck behind a moving shard).</summary>
    private sealed class SessionIndexStandIn : ISessionIndexGrain
    {
        private readonly TaskCompletionSource<SessionIndexSummary> _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Answer(SessionIndexSummary summary) => _summary.TrySetResult(summary);

        public Task<SessionIndexSummary> GetSummaryAsync(int recentLimit, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return _summary.Task.WaitAsync(cancellationToken);
        }

        public Task<SessionPage> ListAsync(SessionListQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task UpsertAsync(SessionEntry entry, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RemoveAsync(string sessionKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
