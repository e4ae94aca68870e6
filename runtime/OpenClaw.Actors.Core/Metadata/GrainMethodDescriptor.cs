using System.Reflection;

namespace OpenClaw.Actors.Metadata;

/// <summary>
/// One method of a grain interface, as the runtime calls it. The method name is the wire id (overloads are
/// rejected). The <see cref="CancellationToken"/> parameter, if any, is never sent: the callee gets a token that fires
/// at the call's deadline.
/// </summary>
public sealed class GrainMethodDescriptor
{
    private readonly MethodResultAdapter _adapter;
    private readonly Lazy<GrainMethodInvoker> _invoker;

    internal GrainMethodDescriptor(Type interfaceType, MethodInfo method)
    {
        InterfaceType = interfaceType;
        Method = method;
        Name = method.Name;
        var parameters = method.GetParameters();
        CancellationTokenIndex = Array.FindIndex(parameters, p => p.ParameterType == typeof(CancellationToken));
        ParameterTypes = parameters.Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.ParameterType).ToArray();
        ParameterNames = parameters.Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.Name ?? "").ToArray();
        ResultType = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: false);
        ReadOnly = method.IsDefined(typeof(ReadOnlyAttribute), inherit: false);
        _adapter = MethodResultAdapter.For(ResultType);
        _invoker = new Lazy<GrainMethodInvoker>(() => GrainMethodInvoker.Compile(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Type InterfaceType { get; }
    public MethodInfo Method { get; }
    public string Name { get; }

    /// <summary>Declared parameter types without the cancellation token, in order: what is sent.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Index of the <see cref="CancellationToken"/> among the declared parameters, or -1.</summary>
    public int CancellationTokenIndex { get; }

    /// <summary>The <c>T</c> of <c>Task&lt;T&gt;</c>; null for a plain <see cref="Task"/>.</summary>
    public Type? ResultType { get; }

    public bool AlwaysInterleave { get; }
    public bool ReadOnly { get; }

    /// <summary>Turns the untyped call result into the <see cref="Task"/> or <see cref="Task{T}"/> the interface declares.</summary>
    public Task ToDeclaredTask(Task<object?> result) => _adapter.ToDeclaredTask(result);

    /// <summary>Calls the method on a grain instance (silo side), passing <paramref name="cancellationToken"/> where declared.</summary>
    public Task<object?> InvokeAsync(object grain, object?[] arguments, CancellationToken cancellationToken)
        => _invoker.Value.InvokeAsync(grain, arguments, cancellationToken);

    public override string ToString() => $"{InterfaceType.Name}.{Name}";
}
