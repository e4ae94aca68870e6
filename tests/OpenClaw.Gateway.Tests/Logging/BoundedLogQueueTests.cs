using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Logging;

namespace OpenClaw.Gateway.Tests.Logging;

/// <summary>The overflow rule of the log queue: Debug/Trace go first, then everything new is dropped and counted.</summary>
public sealed class BoundedLogQueueTests
{
    [Fact]
    public void TryEnqueue_LowPriorityBeyondItsShare_IsDroppedWhileInformationStillFits()
    {
        var queue = new BoundedLogQueue(capacity: 10);

        var debugAccepted = Enumerable.Range(0, 10).Count(_ => queue.TryEnqueue(Record(LogLevel.Debug)));
        var infoAccepted = Enumerable.Range(0, 5).Count(_ => queue.TryEnqueue(Record(LogLevel.Information)));

        Assert.Equal(8, debugAccepted);
        Assert.Equal(2, infoAccepted);
        Assert.Equal(2 + 3, queue.PendingDrops);
    }

    [Fact]
    public void TakeDrops_ReturnsTheCountOnceAndResets()
    {
        var queue = new BoundedLogQueue(capacity: 1);
        queue.TryEnqueue(Record(LogLevel.Error));
        queue.TryEnqueue(Record(LogLevel.Error));
        queue.TryEnqueue(Record(LogLevel.Error));

        Assert.Equal(2, queue.TakeDrops());
        Assert.Equal(0, queue.TakeDrops());
    }

    private static LogRecord Record(LogLevel level) => new(DateTimeOffset.UnixEpoch, level, "OpenClaw.Test", "m", null);
}
