using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenClaw.Actors.Runtime.Activation;

/// <summary>The silo-wide services every activation of one catalog shares.</summary>
internal sealed class ActivationEnvironment(
    IServiceProvider services,
    TimeProvider time,
    GrainActivationOptions options,
    Func<GrainId, IReminderRegistry> reminders,
    ILogger logger)
{
    private IGrainFactory? _grainFactory;

    public IServiceProvider Services { get; } = services;

    /// <summary>Resolved on first use: the factory's call path leads back to the catalog that owns this environment.</summary>
    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    public TimeProvider Time { get; } = time;
    public GrainActivationOptions Options { get; } = options;
    public Func<GrainId, IReminderRegistry> Reminders { get; } = reminders;
    public ILogger Logger { get; } = logger;
}
