using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Transcripts;
using OpenClaw.Silo.Cluster.Storage;
using Xunit.Abstractions;

namespace OpenClaw.Actors.AzureBlob.Tests.Transcripts;

/// <summary>
/// The service's own limit of 50,000 blocks per append blob, which Azurite enforces too (409 BlockCountExceedsLimit,
/// checked before the append conditions): a writer at the limit continues in the next part, a stale writer refused
/// for the limit still gets a conflict.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobTranscriptServiceLimitTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int ServiceLimit = BlobTranscriptStoreOptions.ServiceMaxBlocksPerBlob;
    private const int ConcurrentFills = 32;

    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly TranscriptRef _transcript = new("main", Guid.NewGuid().ToString("N"));
    private readonly TranscriptHeader _header = new() { Id = "s1", Timestamp = "2026-11-22T08:00:00.000Z", Cwd = "/work" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => azurite.Client.DeleteContainerAsync(_container);

    private string BlobName => $"agents/main/sessions/{_transcript.SessionId}.jsonl";

    private BlobTranscriptStore NewStore(int maxBlocksPerPart)
        => new(azurite.Client, _container, NullLogger<BlobTranscriptStore>.Instance, new BlobTranscriptStoreOptions { MaxBlocksPerPart = maxBlocksPerPart });

    private static TranscriptEntry Message(string text) => new()
    {
        Type = TranscriptEntryTypes.Message,
        Id = Guid.NewGuid().ToString(),
        Timestamp = "2026-11-22T08:00:01.000Z",
        Message = ChatMessage.User(text, 1_795_000_000_000),
    };

    /// <summary>A transcript blob with the header line and blank lines up to <paramref name="blocks"/> blocks (blank lines are skipped by readers).</summary>
    private async Task FillAsync(int blocks)
    {
        var headerLine = "{\"type\":\"session\",\"version\":4,\"id\":\"s1\",\"timestamp\":\"2026-11-22T08:00:00.000Z\",\"cwd\":\"/work\"}\n";
        await azurite.Client.CreateContainerAsync(_container);
        await azurite.Client.CreateAppendBlobAsync(_container, BlobName);
        await azurite.Client.AppendBlockAsync(_container, BlobName, Encoding.UTF8.GetBytes(headerLine));
        var remaining = blocks - 1;
        var newline = new byte[] { TranscriptLines.NewLine };
        await Parallel.ForAsync(0, ConcurrentFills, async (_, cancellationToken) =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
                await azurite.Client.AppendBlockAsync(_container, BlobName, newline, cancellationToken: cancellationToken);
        }).WaitAsync(TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task ServiceBlockLimit_IsMetByRollover_AndStillFencesStaleWriters()
    {
        var fill = Stopwatch.StartNew();
        await FillAsync(ServiceLimit - 1);
        output.WriteLine($"filled {ServiceLimit - 1} blocks in {fill.Elapsed.TotalSeconds:0.0} s");
        var beyondService = NewStore(maxBlocksPerPart: ServiceLimit + 10_000); // only the service's refusal tells it the part is full
        var standard = NewStore(maxBlocksPerPart: ServiceLimit);
        await beyondService.OpenAsync(_transcript, _header, default);
        await standard.OpenAsync(_transcript, _header, default);

        await standard.AppendAsync(_transcript, [Message("e1")], default); // block 50,000: the part is full
        var staleAtLimit = await Assert.ThrowsAsync<InconsistentStateException>(
            () => beyondService.AppendAsync(_transcript, [Message("stale")], default));
        var next = NewStore(maxBlocksPerPart: ServiceLimit + 10_000);
        await next.OpenAsync(_transcript, _header, default);
        await next.AppendAsync(_transcript, [Message("e2")], default); // refused by the service, sealed, continued in part 2
        var staleAfterRollover = await Assert.ThrowsAsync<InconsistentStateException>(
            () => standard.AppendAsync(_transcript, [Message("stale too")], default));
        await next.AppendAsync(_transcript, [Message("e3")], default);

        Assert.Contains("another writer appended", staleAtLimit.Message);
        Assert.Contains("continued the transcript", staleAfterRollover.Message);
        var part1 = await azurite.Client.GetPropertiesAsync(_container, BlobName);
        Assert.Equal(ServiceLimit, part1!.CommittedBlockCount);
        Assert.Equal("2", part1.Metadata["nextpart"]);
        Assert.Equal(2, (await azurite.Client.GetPropertiesAsync(_container, $"{BlobName}.part-00002"))!.CommittedBlockCount);
        var read = await NewStore(ServiceLimit).ReadAsync(_transcript, default);
        Assert.Equal("s1", read.Header!.Id);
        Assert.Equal(["e1", "e2", "e3"], read.Entries.Select(e => e.Message!.Text()));
    }
}
