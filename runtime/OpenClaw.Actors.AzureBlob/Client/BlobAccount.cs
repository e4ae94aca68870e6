namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>
/// Where a storage account's blob service is and how to sign for it. <see cref="BlobEndpoint"/> is the URL that
/// container names are appended to: <c>https://acct.blob.core.windows.net/</c>, or path-style
/// <c>http://127.0.0.1:10000/devstoreaccount1/</c> for Azurite. The key never appears in <see cref="ToString"/>.
/// </summary>
public sealed class BlobAccount
{
    /// <summary>The well-known account of the storage emulator (Azurite), the same on every machine.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The emulator's published key; not a secret (it is in Microsoft's documentation).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly byte[] _key;

    public BlobAccount(string accountName, byte[] accountKey, Uri blobEndpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(accountKey);
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        if (accountKey.Length == 0) throw new ArgumentException("The account key is empty.", nameof(accountKey));
        if (!blobEndpoint.IsAbsoluteUri || blobEndpoint.Scheme is not ("http" or "https"))
            throw new ArgumentException("The blob endpoint must be an absolute http(s) URL.", nameof(blobEndpoint));
        AccountName = accountName;
        _key = (byte[])accountKey.Clone();
        BlobEndpoint = blobEndpoint.AbsoluteUri.EndsWith('/') ? blobEndpoint : new Uri(blobEndpoint.AbsoluteUri + "/");
    }

    public string AccountName { get; }

    /// <summary>The blob service URL, always ending with a slash.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The decoded Shared Key, for signing only.</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>Azurite on <c>127.0.0.1:10000</c> (or <paramref name="blobEndpoint"/>) with the emulator account.</summary>
    public static BlobAccount Development(Uri? blobEndpoint = null)
        => new(DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey),
            blobEndpoint ?? new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}/"));

    public override string ToString() => $"{AccountName} at {BlobEndpoint}";
}
