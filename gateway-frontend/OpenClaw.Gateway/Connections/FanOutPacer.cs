namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Spreads the sends of whole-list broadcasts (presence) over time, across all connections together. Without it one
/// presence broadcast to N clients writes N copies into the server's socket buffers at once; on a busy machine the
/// transport drains them slower than the writers fill them, and the pinned buffer pool that grows to hold that peak
/// stays grown long after (measured: about 30 KB per idle connection after a connect burst of 1,000 cli clients).
/// A send may go out at once while the pacer is within <c>burstBytes</c> of its budget; past that the writer waits
/// its turn (virtual scheduling, so waits are fair and need no queue: each writer waits for at most one send).
/// </summary>
/// <param name="bytesPerSecond">Rate the paced sends may add up to, all connections together.</param>
/// <param name="burstBytes">Bytes that may go out at once before the rate applies.</param>
internal sealed class FanOutPacer(long bytesPerSecond, long burstBytes, TimeProvider time)
{
    /// <summary>Twice the presence budget, so a paced broadcast is out well before the next one is due.</summary>
    public const long DefaultBytesPerSecond = 32L * 1024 * 1024;

    public const long DefaultBurstBytes = 2L * 1024 * 1024;

    private readonly Lock _gate = new();

    /// <summary>When (in <see cref="TimeProvider.GetTimestamp"/> units) everything reserved so far is paid for.</summary>
    private long _paidUntil;

    /// <summary>Reserves <paramref name="bytes"/> of the budget and returns how long to wait before sending them.</summary>
    public TimeSpan Reserve(int bytes)
    {
        var frequency = time.TimestampFrequency;
        var now = time.GetTimestamp();
        var cost = (long)((double)bytes * frequency / bytesPerSecond);
        var burst = (long)((double)burstBytes * frequency / bytesPerSecond);
        long waitTicks;
        lock (_gate)
        {
            _paidUntil = Math.Max(_paidUntil, now) + cost;
            waitTicks = _paidUntil - burst - now;
        }

        return waitTicks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)waitTicks / frequency);
    }

    /// <summary>Waits until <paramref name="bytes"/> may be sent.</summary>
    public Task WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        var wait = Reserve(bytes);
        return wait == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, cancellationToken);
    }
}
