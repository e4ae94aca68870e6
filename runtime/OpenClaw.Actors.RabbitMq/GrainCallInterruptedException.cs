namespace OpenClaw.Actors.RabbitMq;

/// <summary>
/// The broker connection went away while a call was being sent or was waiting for its answer (broker restart, network
/// failure; the client reconnects by itself). It derives from <see cref="TimeoutException"/> because it means the same to
/// a caller: no answer, retry later with the same idempotency key. The front tier already maps timeouts to a retryable
/// <c>UNAVAILABLE</c>. <see cref="MayHaveRun"/> is false only when the call certainly never reached the broker.
/// </summary>
public sealed class GrainCallInterruptedException(string message, bool mayHaveRun, Exception? innerException = null)
    : TimeoutException(message, innerException)
{
    /// <summary>False when the call was never handed to the broker, so it cannot have run; true when it may have.</summary>
    public bool MayHaveRun { get; } = mayHaveRun;
}
