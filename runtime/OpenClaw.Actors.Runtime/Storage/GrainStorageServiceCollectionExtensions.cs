using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Actors.Runtime.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers named grain storages as keyed <see cref="IGrainStorage"/> singletons.</summary>
public static class GrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Grain state in files under <paramref name="rootDirectory"/> (see <see cref="FileGrainStorage"/>). Use
    /// <see cref="GrainStorageNames.Default"/> as <paramref name="name"/> for the storage grains get by default.
    /// </summary>
    public static IServiceCollection AddFileGrainStorage(this IServiceCollection services, string name, string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new FileGrainStorage(
            rootDirectory,
            provider.GetService<ILoggerFactory>()?.CreateLogger<FileGrainStorage>() ?? NullLogger<FileGrainStorage>.Instance,
            provider.GetService<IOptions<FileGrainStorageOptions>>()?.Value.FlushToDisk ?? true));
        return services;
    }

    /// <summary>
    /// Sets <see cref="FileGrainStorageOptions.FlushToDisk"/> from an operator switch (OPENCLAW_FSYNC; see
    /// <see cref="FileGrainStorageOptions.FlushToDiskFrom"/>) for every file grain storage of this process.
    /// </summary>
    public static IServiceCollection AddFileGrainStorageDurability(this IServiceCollection services, string? fsyncSetting)
    {
        var flushToDisk = FileGrainStorageOptions.FlushToDiskFrom(fsyncSetting);
        services.Configure<FileGrainStorageOptions>(o => o.FlushToDisk = flushToDisk);
        return services;
    }

    /// <summary>Grain state in memory (see <see cref="MemoryGrainStorage"/>), for tests and throwaway runs.</summary>
    public static IServiceCollection AddMemoryGrainStorage(this IServiceCollection services, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new MemoryGrainStorage());
        return services;
    }
}
