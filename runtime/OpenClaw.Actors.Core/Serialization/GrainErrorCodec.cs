namespace OpenClaw.Actors.Serialization;

/// <summary>The wire names of the exception types that cross a process boundary as themselves.</summary>
public static class GrainErrorTypes
{
    public const string Domain = "DomainException";
    public const string InconsistentState = "InconsistentStateException";
    public const string Overloaded = "GrainOverloadedException";
    public const string Timeout = "TimeoutException";
    public const string Argument = "ArgumentException";
    public const string InvalidOperation = "InvalidOperationException";
    public const string Canceled = "OperationCanceledException";
}

/// <summary>
/// Exceptions ↔ <see cref="GrainError"/>. The expected failure types keep their type (and a
/// <see cref="DomainException"/> its code and retryable flag); anything else becomes a
/// <see cref="GrainInvocationException"/> carrying the original type name and message. Stack traces never cross.
/// </summary>
public static class GrainErrorCodec
{
    public static GrainError ToError(Exception exception) => exception switch
    {
        DomainException domain => new GrainError(GrainErrorTypes.Domain, domain.Message, domain.Code, domain.Retryable),
        InconsistentStateException => new GrainError(GrainErrorTypes.InconsistentState, exception.Message),
        GrainOverloadedException overloaded => new GrainError(GrainErrorTypes.Overloaded, exception.Message, Limit: overloaded.Limit),
        TimeoutException => new GrainError(GrainErrorTypes.Timeout, exception.Message),
        ArgumentException => new GrainError(GrainErrorTypes.Argument, exception.Message),
        InvalidOperationException => new GrainError(GrainErrorTypes.InvalidOperation, exception.Message),
        OperationCanceledException => new GrainError(GrainErrorTypes.Canceled, exception.Message),
        GrainInvocationException invocation => new GrainError(invocation.OriginalType, OriginalMessage(invocation)),
        _ => new GrainError(exception.GetType().FullName ?? exception.GetType().Name, exception.Message),
    };

    public static Exception ToException(GrainError error, GrainId target) => error.Type switch
    {
        GrainErrorTypes.Domain => new DomainException(error.Code ?? "UNKNOWN", error.Message, error.Retryable ?? false),
        GrainErrorTypes.InconsistentState => new InconsistentStateException(error.Message),
        GrainErrorTypes.Overloaded => new GrainOverloadedException(target, error.Limit ?? 0),
        GrainErrorTypes.Timeout => new TimeoutException(error.Message),
        GrainErrorTypes.Argument => new ArgumentException(error.Message),
        GrainErrorTypes.InvalidOperation => new InvalidOperationException(error.Message),
        GrainErrorTypes.Canceled => new OperationCanceledException(error.Message),
        _ => new GrainInvocationException(error.Type, error.Message),
    };

    private static string OriginalMessage(GrainInvocationException exception)
    {
        var prefix = exception.OriginalType + ": ";
        return exception.Message.StartsWith(prefix, StringComparison.Ordinal) ? exception.Message[prefix.Length..] : exception.Message;
    }
}
