using System.Runtime.CompilerServices;

namespace OpenClaw.Grains.Agents.Models;

/// <summary>
/// Enumerates an SDK stream and turns whatever it throws into a <see cref="ModelCallException"/> (C# cannot
/// <c>yield</c> inside a <c>try</c> with a <c>catch</c>, so every client would otherwise hand-roll this loop).
/// Cancellation by the caller passes through unchanged.
/// </summary>
internal static class ModelStreamGuard
{
    public static async IAsyncEnumerable<T> TranslateErrors<T>(
        Func<IAsyncEnumerable<T>> open, Func<Exception, ModelCallException> translate,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerator<T> enumerator;
        try
        {
            enumerator = open().GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken) && exception is not ModelCallException)
        {
            throw translate(exception);
        }

        await using (enumerator)
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync())
                        yield break;
                }
                catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken) && exception is not ModelCallException)
                {
                    throw translate(exception);
                }
                yield return enumerator.Current;
            }
        }
    }

    private static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
