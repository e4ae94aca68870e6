using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using OpenClaw.Grains.Agents.Models;

namespace OpenClaw.Grains.Tests.Sessions.Support;

/// <summary>A model call that streams some text, then holds until released (or cancelled): a run kept "in flight".</summary>
public sealed class HeldModel
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entered;

    public int Entered => Volatile.Read(ref _entered);

    public void Release() => _release.TrySetResult();

    public async IAsyncEnumerable<ModelStreamUpdate> Run(string partial, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new TextDelta(partial);
        Interlocked.Increment(ref _entered);
        await _release.Task.WaitAsync(cancellationToken);
        yield return new TextDelta(" done");
        yield return new ResponseCompleted("stop");
    }
}

public static class ModelScripts
{
    public static async IAsyncEnumerable<ModelStreamUpdate> ToolCall(string id, string name, JsonObject arguments)
    {
        await Task.Yield();
        yield return new TextDelta($"calling {name}");
        yield return new ToolCallRequested(id, name, arguments);
        yield return new UsageReported(new GrainInterfaces.Messages.UsageInfo(5, 1));
        yield return new ResponseCompleted("toolUse");
    }

    public static async IAsyncEnumerable<ModelStreamUpdate> Fail(ModelErrorKind kind, string message)
    {
        await Task.Yield();
        yield return new TextDelta("so far");
        throw new ModelCallException(kind, message);
    }

    /// <summary>Fails before yielding anything.</summary>
    public static async IAsyncEnumerable<ModelStreamUpdate> FailAtOnce(ModelErrorKind kind, string message)
    {
        await Task.Yield();
        Throw(kind, message);
        yield break;
    }

    private static void Throw(ModelErrorKind kind, string message) => throw new ModelCallException(kind, message);
}
