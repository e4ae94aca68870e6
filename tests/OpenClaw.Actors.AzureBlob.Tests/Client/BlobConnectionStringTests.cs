using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Tests.Client;

public sealed class BlobConnectionStringTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcy1mb3ItdGVzdHM="; // base64 of "secret-key-bytes-for-tests"

    [Fact]
    public void Parse_UseDevelopmentStorage_GivesAzuriteOnLoopbackWithTheEmulatorAccount()
    {
        var account = BlobConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/"), account.BlobEndpoint);
    }

    [Fact]
    public void Parse_DevelopmentStorageWithProxyUri_UsesThatHostOnTheBlobPort()
    {
        var account = BlobConnectionString.Parse("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite");

        Assert.Equal(new Uri("http://azurite:10000/devstoreaccount1/"), account.BlobEndpoint);
    }

    [Fact]
    public void Parse_AccountWithBlobEndpoint_UsesTheEndpointAndKeepsTrailingEqualsOfTheKey()
    {
        var account = BlobConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={BlobAccount.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;");

        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/"), account.BlobEndpoint);
        Assert.Equal(Convert.FromBase64String(BlobAccount.DevelopmentAccountKey), account.Key.ToArray());
    }

    [Fact]
    public void Parse_AccountWithoutBlobEndpoint_BuildsThePublicEndpointFromProtocolAndSuffix()
    {
        Assert.Equal(new Uri("https://acct.blob.core.windows.net/"),
            BlobConnectionString.Parse($"AccountName=acct;AccountKey={Key}").BlobEndpoint);
        Assert.Equal(new Uri("http://acct.blob.core.chinacloudapi.cn/"),
            BlobConnectionString.Parse($"defaultendpointsprotocol=http;accountname=acct;accountkey={Key};endpointsuffix=core.chinacloudapi.cn").BlobEndpoint);
    }

    [Theory]
    [InlineData("AccountName=acct", "AccountKey")]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=acct;AccountKey=not base64!", "AccountKey")]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";BlobEndpoint=ftp://x", "BlobEndpoint")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("garbage", "Name=Value")]
    [InlineData("", "empty")]
    public void Parse_InvalidString_NamesTheSettingWithoutRepeatingTheString(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => BlobConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(Key, error.Message);
        Assert.DoesNotContain("not base64!", error.Message);
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var account = BlobConnectionString.Parse($"AccountName=acct;AccountKey={Key}");

        Assert.DoesNotContain(Key, account.ToString());
        Assert.Contains("acct", account.ToString());
    }
}
