using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Runtime.Scheduling;

namespace OpenClaw.Actors.Runtime.Activation;

/// <summary>A grain call waiting in (or running from) an activation's mailbox; its caller awaits <see cref="Completion"/>.</summary>
internal sealed class CallRequest(GrainCall call, CancellationToken cancellationToken) : ActivationRequest
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object?> Completion => _completion.Task;

    public override bool IsCall => true;
    public override bool AlwaysInterleave => call.Method.AlwaysInterleave;
    public override bool ReadOnly => call.Method.ReadOnly;
    public override bool CountsAsActivity => true;

    public override async Task ExecuteAsync(Grain grain)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // The caller already gave up (deadline or cancellation): do not run work nobody waits for.
            _completion.TrySetCanceled(cancellationToken);
            return;
        }

        try
        {
            _completion.TrySetResult(await call.Method.InvokeAsync(grain, call.Arguments, cancellationToken));
        }
        catch (Exception exception)
        {
            _completion.TrySetException(exception);
        }
    }

    public override void Reject(Exception exception) => _completion.TrySetException(exception);
}
