using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Tests.Support;

namespace OpenClaw.Actors.AzureBlob.Tests.Client;

/// <summary>The REST client against a real Azurite: Shared Key signing, conditional writes, ranges, listings.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobRestClientTests(AzuriteFixture azurite)
{
    private BlobRestClient Client => azurite.Client;
    private string Container => azurite.Container;

    private static string NewBlobName(string suffix = ".bin") => $"client/{Guid.NewGuid():N}{suffix}";

    [Fact]
    public async Task CreateContainer_Twice_CreatesThenReportsExisting()
    {
        var container = AzuriteFixture.NewContainerName();
        try
        {
            Assert.True(await Client.CreateContainerAsync(container));
            Assert.False(await Client.CreateContainerAsync(container));
        }
        finally
        {
            Assert.True(await Client.DeleteContainerAsync(container));
        }

        Assert.False(await Client.DeleteContainerAsync(container));
    }

    [Fact]
    public async Task PutBlockBlob_SignedWithSharedKey_RoundTripsContentEtagAndMetadata()
    {
        var blob = NewBlobName(".json");
        var etag = await Client.PutBlockBlobAsync(Container, blob, "{\"v\":1}"u8.ToArray(), new BlobWriteOptions
        {
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["Version"] = "7", ["kind"] = "test" },
        });

        var download = await Client.DownloadAsync(Container, blob);

        Assert.NotNull(download);
        Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString(download.Content));
        Assert.Equal(etag, download.Properties.ETag);
        Assert.Equal("BlockBlob", download.Properties.BlobType);
        Assert.Equal("7", download.Properties.Metadata["version"]);
        Assert.Equal("test", download.Properties.Metadata["kind"]);
    }

    [Fact]
    public async Task Request_WithAWrongKey_IsRefusedWith403ThatSaysSoWithoutTheKey()
    {
        var wrongKey = new byte[64];
        wrongKey[0] = 42;
        using var client = BlobRestClient.Create(new BlobAccount(BlobAccount.DevelopmentAccountName, wrongKey, AzuriteFixture.BlobEndpoint));

        var error = await Assert.ThrowsAsync<BlobRequestException>(() => client.CreateContainerAsync(AzuriteFixture.NewContainerName()));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.NotNull(error.ErrorCode);
        Assert.Contains("account name and key", error.Message);
        Assert.DoesNotContain(Convert.ToBase64String(wrongKey), error.Message);
        Assert.DoesNotContain(BlobAccount.DevelopmentAccountKey, error.Message);
    }

    [Fact]
    public async Task PutBlockBlob_CreateOnlyOverExistingBlob_FailsWithBlobAlreadyExists()
    {
        var blob = NewBlobName();
        await Client.PutBlockBlobAsync(Container, blob, new byte[] { 1 }, new BlobWriteOptions { Conditions = BlobConditions.CreateOnly });

        var error = await Assert.ThrowsAsync<BlobRequestException>(() =>
            Client.PutBlockBlobAsync(Container, blob, new byte[] { 2 }, new BlobWriteOptions { Conditions = BlobConditions.CreateOnly }));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal(BlobErrorCodes.BlobAlreadyExists, error.ErrorCode);
        Assert.True(error.IsConditionFailure);
        Assert.Equal([1], (await Client.DownloadAsync(Container, blob))!.Content);
    }

    [Fact]
    public async Task PutBlockBlob_WithStaleIfMatch_FailsWithConditionNotMetAndKeepsContent()
    {
        var blob = NewBlobName();
        var first = await Client.PutBlockBlobAsync(Container, blob, new byte[] { 1 });
        var second = await Client.PutBlockBlobAsync(Container, blob, new byte[] { 2 }, new BlobWriteOptions { Conditions = BlobConditions.Matching(first) });

        var error = await Assert.ThrowsAsync<BlobRequestException>(() =>
            Client.PutBlockBlobAsync(Container, blob, new byte[] { 3 }, new BlobWriteOptions { Conditions = BlobConditions.Matching(first) }));

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);
        Assert.Equal(BlobErrorCodes.ConditionNotMet, error.ErrorCode);
        Assert.True(error.IsConditionFailure);
        Assert.Equal([2], (await Client.DownloadAsync(Container, blob))!.Content);
    }

    [Fact]
    public async Task DeleteBlob_WithStaleThenCurrentEtag_RefusesThenDeletes()
    {
        var blob = NewBlobName();
        var first = await Client.PutBlockBlobAsync(Container, blob, new byte[] { 1 });
        var current = await Client.PutBlockBlobAsync(Container, blob, new byte[] { 2 });

        var error = await Assert.ThrowsAsync<BlobRequestException>(() => Client.DeleteBlobAsync(Container, blob, BlobConditions.Matching(first)));
        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);

        Assert.True(await Client.DeleteBlobAsync(Container, blob, BlobConditions.Matching(current)));
        Assert.Null(await Client.GetPropertiesAsync(Container, blob));
        Assert.Null(await Client.DownloadAsync(Container, blob));
        Assert.False(await Client.DeleteBlobAsync(Container, blob));
    }

    [Fact]
    public async Task Download_FromAnOffset_ReturnsTheTailAndTheWholeLength()
    {
        var blob = NewBlobName();
        await Client.PutBlockBlobAsync(Container, blob, "0123456789"u8.ToArray());

        var tail = await Client.DownloadAsync(Container, blob, offset: 6);
        var atEnd = await Client.DownloadAsync(Container, blob, offset: 10);

        Assert.Equal("6789", Encoding.ASCII.GetString(tail!.Content));
        Assert.Equal(10, tail.Properties.ContentLength);
        Assert.Empty(atEnd!.Content);
        Assert.Equal(10, atEnd.Properties.ContentLength);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.DownloadAsync(Container, blob, offset: 11));
    }

    [Theory]
    [InlineData("a b/c+d=e&f.json")]
    [InlineData("ü/日本語/😀.txt")]
    [InlineData("q?x#y%20z;w")]
    [InlineData("trailing space ")]
    public async Task Blob_WithCharactersThatNeedEscaping_IsSignedAndAddressedExactly(string name)
    {
        var blob = $"odd/{Guid.NewGuid():N}/{name}";
        await Client.PutBlockBlobAsync(Container, blob, Encoding.UTF8.GetBytes(name));

        var download = await Client.DownloadAsync(Container, blob);
        var listed = await Client.ListBlobsAsync(Container, blob).ToListAsync();

        Assert.Equal(name, Encoding.UTF8.GetString(download!.Content));
        Assert.Equal(blob, Assert.Single(listed).Name);
    }

    [Fact]
    public async Task ListBlobs_ByPrefix_PagesThroughEveryMatchWithMetadataAndNothingElse()
    {
        var prefix = $"list/{Guid.NewGuid():N}/";
        for (var i = 0; i < 5; i++)
        {
            await Client.PutBlockBlobAsync(Container, $"{prefix}{i}", new byte[i + 1], new BlobWriteOptions
            {
                Metadata = new Dictionary<string, string> { ["index"] = i.ToString() },
            });
        }

        await Client.PutBlockBlobAsync(Container, $"list/{Guid.NewGuid():N}/other", new byte[1]);

        var listed = await Client.ListBlobsAsync(Container, prefix, pageSize: 2).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}{i}"), listed.Select(b => b.Name));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => i.ToString()), listed.Select(b => b.Metadata["index"]));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), listed.Select(b => b.ContentLength));
        var properties = await Client.GetPropertiesAsync(Container, listed[0].Name);
        Assert.Equal(properties!.ETag, listed[0].ETag);
    }

    [Fact]
    public async Task Request_ToAServerThatNeverAnswers_FailsWithATimeoutWithinTheBound()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var client = BlobRestClient.Create(BlobAccount.Development(new Uri($"http://127.0.0.1:{port}/devstoreaccount1/")),
            new BlobRestClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetPropertiesAsync("container", "blob"))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("container/blob", error.Message);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    public async Task Request_WithAnInvalidContainerName_IsRejectedBeforeSending(string container)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.CreateContainerAsync(container));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("")]
    public async Task Request_WithABlobNameTheUrlWouldRewrite_IsRejectedBeforeSending(string blob)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.GetPropertiesAsync(Container, blob));
    }
}
