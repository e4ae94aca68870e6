using Microsoft.Extensions.Options;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Metadata;

namespace OpenClaw.Actors.References;

/// <summary>
/// Issues calls for grain references: stamps the deadline, hands the call to the <see cref="IGrainCallInvoker"/>, and
/// turns a missed deadline into a <see cref="TimeoutException"/> even if the callee never answers.
/// </summary>
public sealed class GrainCallRuntime
{
    private readonly IGrainCallInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly TimeSpan _responseTimeout;

    public GrainCallRuntime(IGrainCallInvoker invoker, IOptions<GrainCallOptions> options, TimeProvider time)
    {
        _invoker = invoker;
        _time = time;
        _responseTimeout = options.Value.ResponseTimeout;
    }

    public async Task<object?> InvokeAsync(GrainId target, GrainMethodDescriptor method, object?[] arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var deadline = _time.GetUtcNow() + _responseTimeout;
        using var deadlineSource = new CancellationTokenSource(_responseTimeout, _time);
        using var callSource = CancellationTokenSource.CreateLinkedTokenSource(deadlineSource.Token, cancellationToken);
        var call = new GrainCall(target, method, arguments, deadline);
        try
        {
            return await _invoker.InvokeAsync(call, callSource.Token).WaitAsync(callSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (deadlineSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Call to {method.InterfaceType.Name}.{method.Name} on grain {target} timed out after {_responseTimeout}.", exception);
        }
    }
}
