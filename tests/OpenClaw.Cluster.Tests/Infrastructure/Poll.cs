namespace OpenClaw.Cluster.Tests.Infrastructure;

/// <summary>Bounded polling for conditions no event announces (a log line, a process exit, a port going away).</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await probe() is { } value) return value;
            try
            {
                await Task.Delay(Interval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }
        }
    }

    public static Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan timeout, string what) where T : class =>
        UntilAsync(() => Task.FromResult(probe()), timeout, what);

    /// <summary>Like <see cref="UntilAsync(Func{bool}, TimeSpan, string)"/>, but answers false instead of throwing.</summary>
    public static async Task<bool> TryUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        try
        {
            await UntilAsync(condition, timeout, "");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public static async Task<bool> TryUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        try
        {
            await UntilAsync(async () => await condition() ? string.Empty : null, timeout, "");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => condition() ? string.Empty : null, timeout, what);
}
