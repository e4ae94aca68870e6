using Microsoft.Extensions.Options;
using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Hosting;

/// <summary>
/// Checks every named <see cref="AzureBlobStorageOptions"/>. Messages name the storage and the option; the
/// connection string's value is never repeated, since it holds the account key.
/// </summary>
public sealed class AzureBlobStorageOptionsValidator : IValidateOptions<AzureBlobStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureBlobStorageOptions options)
    {
        var prefix = $"Azure Blob grain storage '{name}': {nameof(AzureBlobStorageOptions)}";
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{prefix}.{nameof(options.ConnectionString)} is required (for Azurite: UseDevelopmentStorage=true).");
        }
        else
        {
            try
            {
                BlobConnectionString.Parse(options.ConnectionString);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                failures.Add($"{prefix}.{nameof(options.ConnectionString)} is invalid: {ex.Message}");
            }
        }

        if (!BlobPaths.IsValidContainerName(options.ContainerName))
        {
            failures.Add($"{prefix}.{nameof(options.ContainerName)} '{options.ContainerName}' is not a valid container name " +
                         "(3-63 lower-case letters, digits and single inner hyphens).");
        }

        if (options.ClusterId is not null && string.IsNullOrWhiteSpace(options.ClusterId))
            failures.Add($"{prefix}.{nameof(options.ClusterId)} is empty; leave it null for the default cluster.");

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(10))
            failures.Add($"{prefix}.{nameof(options.RequestTimeout)} must be between 0 and 10 minutes (was {options.RequestTimeout}).");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
