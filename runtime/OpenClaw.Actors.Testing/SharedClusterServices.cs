using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Actors.Runtime.Storage;
using OpenClaw.Actors.Streams;

namespace OpenClaw.Actors.Testing;

/// <summary>
/// What the silos of an in-process cluster share, as a real cluster shares its storage account and broker: grain state,
/// the reminder table and the stream provider. A grain that moves to another silo finds its state there.
/// </summary>
internal sealed class SharedClusterServices : IAsyncDisposable
{
    public MemoryGrainStorage Storage { get; } = new();
    public MemoryReminderTable Reminders { get; } = new();
    public InProcessStreamProvider Streams { get; } = new(StreamProviderNames.Default, NullLogger<InProcessStreamProvider>.Instance);

    public ValueTask DisposeAsync() => Streams.DisposeAsync();
}
