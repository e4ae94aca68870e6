using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Hosting;
using OpenClaw.Actors.AzureBlob.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Azure Blob grain storages as keyed <see cref="IGrainStorage"/> singletons.</summary>
public static class AzureBlobGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Grain state in Azure Blob Storage (see <see cref="AzureBlobGrainStorage"/>) under <paramref name="name"/>, like
    /// <c>AddFileGrainStorage</c>. Also registers a keyed <see cref="BlobRestClient"/> under the same name, owned by
    /// the container. Options are named <paramref name="name"/> and validated when the host starts.
    /// </summary>
    public static IServiceCollection AddAzureBlobGrainStorage(this IServiceCollection services, string name, Action<AzureBlobStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<AzureBlobStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureBlobStorageOptions>, AzureBlobStorageOptionsValidator>());

        services.AddKeyedSingleton<BlobRestClient>(name, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<AzureBlobStorageOptions>>().Get(name);
            return BlobRestClient.Create(
                BlobConnectionString.Parse(options.ConnectionString),
                new BlobRestClientOptions { RequestTimeout = options.RequestTimeout },
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                Logger<BlobRestClient>(provider));
        });
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<AzureBlobStorageOptions>>().Get(name);
            return new AzureBlobGrainStorage(
                provider.GetRequiredKeyedService<BlobRestClient>(name),
                options.ContainerName,
                Logger<AzureBlobGrainStorage>(provider),
                options.ClusterId);
        });
        return services;
    }

    private static ILogger<T> Logger<T>(IServiceProvider provider)
        => provider.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
