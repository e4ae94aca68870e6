using System.Linq.Expressions;

namespace OpenClaw.Actors.Metadata;

/// <summary>A compiled call of one interface method on a grain instance (silo side), built once per method.</summary>
internal sealed class GrainMethodInvoker(Func<object, object?[], CancellationToken, Task> call, MethodResultAdapter adapter)
{
    public Task<object?> InvokeAsync(object grain, object?[] arguments, CancellationToken cancellationToken)
    {
        Task declared;
        try
        {
            declared = call(grain, arguments, cancellationToken);
        }
        catch (Exception exception)
        {
            // A synchronous throw from grain code is the same failure as a faulted task.
            return Task.FromException<object?>(exception);
        }

        return adapter.FromDeclaredTask(declared);
    }

    public static GrainMethodInvoker Compile(GrainMethodDescriptor descriptor)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var token = Expression.Parameter(typeof(CancellationToken), "cancellationToken");

        var parameters = descriptor.Method.GetParameters();
        var callArguments = new Expression[parameters.Length];
        var sent = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            callArguments[i] = i == descriptor.CancellationTokenIndex
                ? token
                : Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(sent++)), parameters[i].ParameterType);
        }

        var body = Expression.Call(Expression.Convert(grain, descriptor.InterfaceType), descriptor.Method, callArguments);
        var lambda = Expression.Lambda<Func<object, object?[], CancellationToken, Task>>(body, grain, arguments, token);
        return new GrainMethodInvoker(lambda.Compile(), MethodResultAdapter.For(descriptor.ResultType));
    }
}
