using System.Text;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Logs;
using OpenClaw.Actors.AzureBlob.Tests.Support;

namespace OpenClaw.Actors.AzureBlob.Tests.Logs;

/// <summary>The transcript primitive on Azurite: create-if-missing, conditional appends that cannot interleave, reads.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AppendBlobLogTests(AzuriteFixture azurite)
{
    private AppendBlobLog NewLog(string? blob = null)
        => new(azurite.Client, azurite.Container, blob ?? $"logs/{Guid.NewGuid():N}.jsonl");

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\n");

    [Fact]
    public async Task CreateIfMissing_NewThenExisting_ReturnsZeroThenTheCurrentEnd()
    {
        var log = NewLog();

        Assert.Equal(0, await log.CreateIfMissingAsync());
        var end = await log.AppendAsync(Line("first"), 0);
        Assert.Equal(end, await log.CreateIfMissingAsync());
        Assert.Equal(end, await NewLog(log.BlobName).CreateIfMissingAsync());
    }

    [Fact]
    public async Task Append_AtTheKnownEnd_AddsLinesInOrderAndReadAllReturnsThem()
    {
        var log = NewLog();
        var position = await log.CreateIfMissingAsync();

        position = await log.AppendAsync(Line("{\"n\":1}"), position);
        position = await log.AppendAsync(Line("{\"n\":2}"), position);
        var read = await log.ReadAsync();

        Assert.Equal("{\"n\":1}\n{\"n\":2}\n", Encoding.UTF8.GetString(read!.Content));
        Assert.Equal(position, read.EndPosition);
    }

    [Fact]
    public async Task Append_TwoWritersAtTheSamePosition_TheLoserGetsAConflictAndNothingInterleaves()
    {
        var blob = $"logs/{Guid.NewGuid():N}.jsonl";
        var oldActivation = NewLog(blob);
        var newActivation = NewLog(blob);
        var start = await oldActivation.AppendAsync(Line("shared"), await oldActivation.CreateIfMissingAsync());

        var end = await newActivation.AppendAsync(Line("newer"), start);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => oldActivation.AppendAsync(Line("stale"), start));

        Assert.Equal(end.ToString(), conflict.StoredEtag);
        Assert.Equal(start.ToString(), conflict.CurrentEtag);
        Assert.Equal("shared\nnewer\n", Encoding.UTF8.GetString((await oldActivation.ReadAsync())!.Content));
    }

    [Fact]
    public async Task Append_ConcurrentWritersAtTheSamePosition_ExactlyOneLands()
    {
        var blob = $"logs/{Guid.NewGuid():N}.jsonl";
        var start = await NewLog(blob).CreateIfMissingAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await NewLog(blob).AppendAsync(Line($"writer {i}"), start);
                return i;
            }
            catch (InconsistentStateException)
            {
                return -1;
            }
        })).WaitAsync(TimeSpan.FromSeconds(10));

        var winner = Assert.Single(outcomes, i => i >= 0);
        Assert.Equal($"writer {winner}\n", Encoding.UTF8.GetString((await NewLog(blob).ReadAsync())!.Content));
    }

    [Fact]
    public async Task Read_FromAPosition_ReturnsOnlyWhatCameAfterIt()
    {
        var log = NewLog();
        var middle = await log.AppendAsync(Line("a"), await log.CreateIfMissingAsync());
        var end = await log.AppendAsync(Line("b"), middle);

        var tail = await log.ReadAsync(middle);
        var nothing = await log.ReadAsync(end);

        Assert.Equal("b\n", Encoding.UTF8.GetString(tail!.Content));
        Assert.Equal(end, tail.EndPosition);
        Assert.Empty(nothing!.Content);
        Assert.Equal(end, nothing.EndPosition);
    }

    [Fact]
    public async Task Read_MissingLog_ReturnsNull()
    {
        Assert.Null(await NewLog().ReadAsync());
    }

    [Fact]
    public async Task CreateIfMissing_OverABlockBlob_RefusesToTreatItAsALog()
    {
        var blob = $"logs/{Guid.NewGuid():N}.jsonl";
        await azurite.Client.PutBlockBlobAsync(azurite.Container, blob, Line("not a log"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NewLog(blob).CreateIfMissingAsync());

        Assert.Contains("BlockBlob", error.Message);
    }

    [Fact]
    public async Task Append_MoreThanOneBlock_IsRejectedBeforeSending()
    {
        var log = NewLog();
        await log.CreateIfMissingAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.AppendAsync(new byte[BlobRestClient.MaxAppendBlockBytes + 1], 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.AppendAsync(Array.Empty<byte>(), 0));
    }
}
