namespace OpenClaw.Actors.Metadata;

/// <summary>
/// Converts between the runtime's untyped <c>Task&lt;object?&gt;</c> and the declared return type. One instance per
/// result type is built with reflection once, so the call path itself never reflects.
/// </summary>
internal abstract class MethodResultAdapter
{
    public static MethodResultAdapter For(Type? resultType) => resultType is null
        ? new VoidResultAdapter()
        : (MethodResultAdapter)Activator.CreateInstance(typeof(TypedResultAdapter<>).MakeGenericType(resultType))!;

    public abstract Task ToDeclaredTask(Task<object?> result);

    /// <summary>Wraps the grain method's returned task as <c>Task&lt;object?&gt;</c>.</summary>
    public abstract Task<object?> FromDeclaredTask(Task declared);

    private sealed class VoidResultAdapter : MethodResultAdapter
    {
        public override Task ToDeclaredTask(Task<object?> result) => result;

        public override async Task<object?> FromDeclaredTask(Task declared)
        {
            await declared.ConfigureAwait(false);
            return null;
        }
    }

    private sealed class TypedResultAdapter<T> : MethodResultAdapter
    {
        public override Task ToDeclaredTask(Task<object?> result) => Convert(result);

        public override async Task<object?> FromDeclaredTask(Task declared) => await ((Task<T>)declared).ConfigureAwait(false);

        private static async Task<T> Convert(Task<object?> result) => (T)(await result.ConfigureAwait(false))!;
    }
}
