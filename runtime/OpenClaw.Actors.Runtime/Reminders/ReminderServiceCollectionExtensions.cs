using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Runtime;
using OpenClaw.Actors.Runtime.Reminders;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the reminder table and <see cref="ReminderService"/> as singletons. The silo provides
/// <see cref="IReminderInvoker"/> and <see cref="ILocalGrainOwnership"/>, and starts and stops the service.
/// <see cref="ReminderOptions"/> can be bound from the <see cref="ReminderOptions.SectionName"/> section.
/// </summary>
public static class ReminderServiceCollectionExtensions
{
    /// <summary>
    /// Durable reminders in <c>&lt;directory&gt;/reminders.json</c>, flushed to disk unless the file grain storage's
    /// durability switch turned fsync off (<see cref="GrainStorageServiceCollectionExtensions.AddFileGrainStorageDurability"/>).
    /// </summary>
    public static IServiceCollection AddFileReminders(this IServiceCollection services, string directory, Action<ReminderOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        services.TryAddSingleton<IReminderTable>(provider => new FileReminderTable(
            directory, provider.GetService<IOptions<OpenClaw.Actors.Runtime.Storage.FileGrainStorageOptions>>()?.Value.FlushToDisk ?? true));
        return services.AddReminderService(configure);
    }

    /// <summary>Reminders in memory, lost with the process; for tests and throwaway runs.</summary>
    public static IServiceCollection AddMemoryReminders(this IServiceCollection services, Action<ReminderOptions>? configure = null)
    {
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
        return services.AddReminderService(configure);
    }

    private static IServiceCollection AddReminderService(this IServiceCollection services, Action<ReminderOptions>? configure)
    {
        var options = services.AddOptions<ReminderOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var loggerFactory = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            return new ReminderService(
                provider.GetRequiredService<IReminderTable>(),
                provider.GetRequiredService<IReminderInvoker>(),
                provider.GetRequiredService<ILocalGrainOwnership>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<IOptions<ReminderOptions>>(),
                loggerFactory.CreateLogger<ReminderService>(),
                loggerFactory);
        });
        return services;
    }
}
