using System.Reflection;

namespace OpenClaw.Actors.Metadata;

/// <summary>The rules a grain interface must follow so its methods can be called by name across a process boundary.</summary>
internal static class GrainInterfaceValidation
{
    public static void Validate(Type interfaceType, IReadOnlyList<MethodInfo> methods)
    {
        var problems = new List<string>();
        if (interfaceType.IsGenericTypeDefinition)
            problems.Add("open generic grain interfaces are not supported");

        foreach (var member in interfaceType.GetInterfaces().Prepend(interfaceType).SelectMany(t => t.GetProperties()))
            problems.Add($"property {member.Name} is not allowed (use a method returning Task<T>)");

        foreach (var overloaded in methods.GroupBy(m => m.Name).Where(g => g.Count() > 1))
            problems.Add($"method {overloaded.Key} is overloaded; the method name is the wire id, so give each overload its own name");

        foreach (var method in methods)
            ValidateMethod(method, problems);

        if (problems.Count > 0)
            throw new InvalidOperationException($"Grain interface {interfaceType.FullName} is invalid: {string.Join("; ", problems)}.");
    }

    private static void ValidateMethod(MethodInfo method, List<string> problems)
    {
        var returnType = method.ReturnType;
        var returnsTask = returnType == typeof(Task) || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>));
        if (!returnsTask)
            problems.Add($"method {method.Name} returns {returnType.Name}; grain methods must return Task or Task<T>");
        if (method.IsGenericMethodDefinition)
            problems.Add($"method {method.Name} is generic; generic grain methods are not supported");

        var parameters = method.GetParameters();
        var tokenCount = parameters.Count(p => p.ParameterType == typeof(CancellationToken));
        if (tokenCount > 1)
            problems.Add($"method {method.Name} has {tokenCount} CancellationToken parameters; at most one is allowed");
        else if (tokenCount == 1 && parameters[^1].ParameterType != typeof(CancellationToken))
            problems.Add($"method {method.Name} must take its CancellationToken as the last parameter");

        foreach (var parameter in parameters.Where(p => p.ParameterType.IsByRef || p.IsOut))
            problems.Add($"method {method.Name} parameter {parameter.Name} is by-ref/out; only values can be sent");
    }
}
