using System.Runtime.CompilerServices;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Agents.Runs.Compaction;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Runs;

/// <summary>
/// Compaction (spec §8): when the context passes window − reserve the run summarises older entries with the model,
/// writes a <c>compaction</c> entry and publishes a <c>compaction</c> event; later contexts start from the summary
/// followed by the kept entries. <c>CompactAsync</c> forces it.
/// </summary>
public sealed class CompactionTests : IAsyncLifetime
{
    private const string Summary = "SUMMARY-OF-OLD";
    private readonly TempStateDirectory _directory = new();
    private readonly ScriptedModelRouter _model = new() { Behaviour = SummariseOrEcho };
    private SessionSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await SessionSilo.StartAsync(_directory.Path, _model, config: SessionSilo.DefaultConfig(contextWindow: 2_000));

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    private static async IAsyncEnumerable<ModelStreamUpdate> SummariseOrEcho(ModelRequest request, int call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (request.SystemPrompt == ContextCompactor.SystemPrompt)
        {
            Assert.Empty(request.Tools);
            yield return new TextDelta(Summary);
            yield break;
        }

        await foreach (var update in ScriptedModelRouter.Echo(request, call, cancellationToken)) yield return update;
    }

    private List<ModelRequest> RunRequests => _model.Requests.Where(r => r.SystemPrompt != ContextCompactor.SystemPrompt).ToList();

    [Fact]
    public void Policy_ReservesTwentyThousand_AtMostAQuarterOfTheWindow()
    {
        Assert.Equal((20_000, 108_000), (new CompactionPolicy(128_000).Reserve, new CompactionPolicy(128_000).Threshold));
        Assert.Equal((500, 1_500, 500), (new CompactionPolicy(2_000).Reserve, new CompactionPolicy(2_000).Threshold, new CompactionPolicy(2_000).KeepRecentTokens));
    }

    [Fact]
    public async Task ContextOverTheThreshold_IsCompacted_AndLaterContextStartsFromTheSummary()
    {
        var key = $"agent:main:compact-{Guid.NewGuid():N}";
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);
        var big = new string('x', 2_000);

        await session.SendAsync(new SendMessage { Text = big, IdempotencyKey = "c1" });
        await log.WaitForCompletionAsync("c1");
        await session.SendAsync(new SendMessage { Text = big + "2", IdempotencyKey = "c2" });
        await log.WaitForCompletionAsync("c2");
        await session.SendAsync(new SendMessage { Text = "short", IdempotencyKey = "c3" });
        await log.WaitForCompletionAsync("c3");

        var second = RunRequests[1];
        Assert.Equal(RunContextBuilder.SummaryPrefix + Summary, second.Messages[0].Text());
        Assert.Equal(big + "2", second.Messages[^1].Text());
        Assert.Equal(2, second.Messages.Count);
        var third = RunRequests[2];
        Assert.Equal(RunContextBuilder.SummaryPrefix + Summary, third.Messages[0].Text());
        Assert.Equal("short", third.Messages[^1].Text());

        var entry = await session.GetEntryAsync();
        Assert.Equal(1, entry!.CompactionCount);
        var lines = await File.ReadAllLinesAsync(_directory.TranscriptPath("main", entry.SessionId));
        var compaction = Assert.Single(lines, l => l.Contains("\"type\":\"compaction\""));
        Assert.Contains($"\"summary\":\"{Summary}\"", compaction);
        Assert.Contains("\"firstKeptEntryId\":", compaction);
        Assert.Contains("\"tokensBefore\":", compaction);
        var compactionEvent = Assert.Single(log.ForRun("c2").OfType<AgentStreamEvent>(), e => e.Stream == AgentStreams.Compaction);
        Assert.True(compactionEvent.Data["tokensBefore"]!.GetValue<long>() > compactionEvent.Data["tokensAfter"]!.GetValue<long>());
        var history = await session.GetHistoryAsync(new HistoryQuery());
        Assert.Equal(6, history.TotalMessages);
    }

    [Fact]
    public async Task CompactAsync_ForcesACompaction()
    {
        var key = $"agent:main:compact-now-{Guid.NewGuid():N}";
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);
        foreach (var i in new[] { 1, 2 })
        {
            await session.SendAsync(new SendMessage { Text = $"message {i}", IdempotencyKey = $"f{i}" });
            await log.WaitForCompletionAsync($"f{i}");
        }

        var result = await session.CompactAsync(null);
        await session.SendAsync(new SendMessage { Text = "after", IdempotencyKey = "f3" });
        await log.WaitForCompletionAsync("f3");

        Assert.True(result.Compacted);
        Assert.True(result.TokensBefore > result.TokensAfter);
        Assert.Equal(RunContextBuilder.SummaryPrefix + Summary, RunRequests[^1].Messages[0].Text());
        Assert.Equal("after", RunRequests[^1].Messages[^1].Text());
        await log.WaitForAsync(e => e is AgentStreamEvent { Stream: AgentStreams.Compaction });
        await log.WaitForAsync(e => e is SessionChangedEvent { Reason: "compact" });
        Assert.False((await _silo.Session($"agent:main:none-{Guid.NewGuid():N}").CompactAsync(null)).Compacted);
    }

    [Fact]
    public async Task ContextOverflowError_CompactsAndRetriesTheTurnOnce()
    {
        var key = $"agent:main:overflow-{Guid.NewGuid():N}";
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);
        foreach (var i in new[] { 1, 2 })
        {
            await session.SendAsync(new SendMessage { Text = $"old {i}", IdempotencyKey = $"o{i}" });
            await log.WaitForCompletionAsync($"o{i}");
        }

        var overflowed = 0;
        _model.Behaviour = (request, call, ct) =>
            request.SystemPrompt != ContextCompactor.SystemPrompt && Interlocked.Exchange(ref overflowed, 1) == 0
                ? ModelScripts.FailAtOnce(ModelErrorKind.ContextLength, "prompt is too long")
                : SummariseOrEcho(request, call, ct);
        await session.SendAsync(new SendMessage { Text = "now", IdempotencyKey = "o3" });
        var completed = await log.WaitForCompletionAsync("o3");

        Assert.Equal((RunStatuses.Ok, "echo: now"), (completed.Run.Status, completed.Run.ReplyText));
        Assert.Equal(RunContextBuilder.SummaryPrefix + Summary, RunRequests[^1].Messages[0].Text());
        Assert.Equal(1, (await session.GetEntryAsync())!.CompactionCount);
    }
}
