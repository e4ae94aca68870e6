using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OpenClaw.Grains.Agents.Models;

namespace OpenClaw.Grains.Tests.Sessions.Support;

/// <summary>
/// The LLM at the edge of the world: each call runs the script with the request and the call's index (0-based, per
/// router), and yields what it yields as provider <c>stub</c>, model <c>stub-echo</c>. Records every request and
/// how many calls are running at once.
/// </summary>
public sealed class ScriptedModelRouter : IModelRouter
{
    public delegate IAsyncEnumerable<ModelStreamUpdate> Script(ModelRequest request, int call, CancellationToken cancellationToken);

    private readonly ConcurrentQueue<ModelRequest> _requests = new();
    private int _calls;
    private int _running;
    private int _maxRunning;

    public Script Behaviour { get; set; } = Echo;

    public IReadOnlyList<ModelRequest> Requests => [.. _requests];
    public int Calls => Volatile.Read(ref _calls);
    public int MaxConcurrent => Volatile.Read(ref _maxRunning);

    public async IAsyncEnumerable<RoutedModelUpdate> StreamAsync(ModelChain chain, ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        var call = Interlocked.Increment(ref _calls) - 1;
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        try
        {
            await foreach (var update in Behaviour(request, call, cancellationToken).WithCancellation(cancellationToken))
                yield return new RoutedModelUpdate(update, "stub", "stub-echo", []);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Answers <c>echo: &lt;last user text&gt;</c> in two deltas, with usage.</summary>
    public static async IAsyncEnumerable<ModelStreamUpdate> Echo(ModelRequest request, int call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var last = request.Messages.LastOrDefault(m => m.Role == "user")?.Text() ?? "";
        yield return new TextDelta("echo:");
        yield return new TextDelta(" " + last);
        yield return new UsageReported(new GrainInterfaces.Messages.UsageInfo(10, 3));
        yield return new ResponseCompleted("stop");
    }

    public static async IAsyncEnumerable<ModelStreamUpdate> Text(string text)
    {
        await Task.Yield();
        yield return new TextDelta(text);
        yield return new ResponseCompleted("stop");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
