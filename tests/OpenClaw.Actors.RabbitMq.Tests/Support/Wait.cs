namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>Bounded waits: every test wait ends, and a condition is polled rather than slept for.</summary>
public static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        while (!condition())
        {
            if (cts.IsCancellationRequested) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(10, CancellationToken.None);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        while (!await condition().WaitAsync(cts.Token))
        {
            if (cts.IsCancellationRequested) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(10, CancellationToken.None);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            if (await probe().WaitAsync(cts.Token) is { } value) return value;
            if (cts.IsCancellationRequested) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(10, CancellationToken.None);
        }
    }

    public static string NewKey() => $"test-{Guid.NewGuid():N}";
}
