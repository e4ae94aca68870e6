using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Storage;

/// <summary>
/// Creates a container once, on first use; a failed attempt is retried by the next caller. Public for the silo's own
/// blob stores (transcripts), which live outside this assembly.
/// </summary>
public sealed class ContainerInitializer(BlobRestClient client, string container)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_ready) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready) return;
            await client.CreateContainerAsync(container, cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
