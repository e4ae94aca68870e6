using OpenClaw.Actors.DeadLetters;
using OpenClaw.Actors.RabbitMq.Silo.DeadLetters;
using OpenClaw.Actors.Runtime.Catalog;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The dead-letter admin grain on a cluster silo.</summary>
public static class DeadLetterAdminServiceCollectionExtensions
{
    /// <summary>
    /// Hosts <see cref="DeadLetterAdminGrain"/> (<see cref="IDeadLetterAdminGrain"/>) on this silo; needs
    /// <see cref="IDeadLetters"/> (registered by <c>AddRabbitMqSiloTransport</c>, which calls this). Adding it twice is harmless.
    /// </summary>
    public static IServiceCollection AddRabbitMqDeadLetterAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ImplementationInstance is GrainClassRegistration { GrainClass: var grainClass } && grainClass == typeof(DeadLetterAdminGrain)))
            return services;
        return services.AddGrain<IDeadLetterAdminGrain, DeadLetterAdminGrain>();
    }
}
