namespace OpenClaw.Actors.Tests.Support;

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
            await Task.Delay(5, CancellationToken.None);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        while (!await condition().WaitAsync(cts.Token))
        {
            await Task.Delay(5, cts.Token);
        }
    }

    public static string NewKey() => $"test-{Guid.NewGuid():N}";
}
