using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Runtime.Storage;

namespace OpenClaw.Actors.Runtime.Activation;

/// <summary>
/// Builds one grain instance with <see cref="ActivatorUtilities"/>: constructor parameters come from the activation's
/// services, except those marked <see cref="PersistentStateAttribute"/>, which get a <see cref="PersistentState{TState}"/>
/// bound to the named storage. The parameter scan happens once per grain class.
/// </summary>
internal sealed class GrainConstructor
{
    private readonly Type _grainClass;
    private readonly StateParameter[] _stateParameters;

    public GrainConstructor(Type grainClass)
    {
        _grainClass = grainClass;
        var withState = grainClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Select(c => c.GetParameters().Where(p => p.IsDefined(typeof(PersistentStateAttribute))).ToArray())
            .Where(p => p.Length > 0)
            .ToArray();
        if (withState.Length > 1)
            throw new InvalidOperationException($"{grainClass.FullName} has several constructors with [PersistentState] parameters; keep one.");
        _stateParameters = withState.Length == 0 ? [] : withState[0].Select(p => StateParameter.Create(grainClass, p)).ToArray();
    }

    public ConstructedGrain Create(IServiceProvider services, GrainId grainId, IActivationStateEvents events)
    {
        var states = new object[_stateParameters.Length];
        for (var i = 0; i < states.Length; i++)
            states[i] = _stateParameters[i].Create(services, grainId, events);

        var grain = (Grain)ActivatorUtilities.CreateInstance(services, _grainClass, states);
        return new ConstructedGrain(grain, states.Cast<IActivationStateLoader>().ToArray());
    }

    private sealed class StateParameter(string stateName, string storageName, StateFactory factory)
    {
        public static StateParameter Create(Type grainClass, ParameterInfo parameter)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"{grainClass.FullName} parameter {parameter.Name} has [PersistentState] but is a {type.Name}; it must be IPersistentState<TState>.");
            }

            var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>()!;
            var factory = (StateFactory)Activator.CreateInstance(typeof(StateFactory<>).MakeGenericType(type.GetGenericArguments()[0]))!;
            return new StateParameter(attribute.StateName, attribute.StorageName ?? GrainStorageNames.Default, factory);
        }

        public object Create(IServiceProvider services, GrainId grainId, IActivationStateEvents events)
        {
            var storage = services.GetKeyedService<IGrainStorage>(storageName)
                ?? throw new InvalidOperationException(
                    $"Grain {grainId} needs the grain storage '{storageName}' for state '{stateName}', but none is registered under that name.");
            return factory.Create(storage, stateName, grainId, events);
        }
    }

    private abstract class StateFactory
    {
        public abstract object Create(IGrainStorage storage, string stateName, GrainId grainId, IActivationStateEvents events);
    }

    private sealed class StateFactory<TState> : StateFactory where TState : new()
    {
        public override object Create(IGrainStorage storage, string stateName, GrainId grainId, IActivationStateEvents events)
            => new PersistentState<TState>(storage, stateName, grainId, events);
    }
}

internal sealed record ConstructedGrain(Grain Grain, IReadOnlyList<IActivationStateLoader> States);
