namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>
/// Parses Azure Storage connection strings: <c>UseDevelopmentStorage=true</c> (optionally with
/// <c>DevelopmentStorageProxyUri</c>) and <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…</c> with either
/// <c>BlobEndpoint=…</c> or <c>EndpointSuffix=…</c> (default <c>core.windows.net</c>). Error messages name the
/// setting that is wrong and never repeat the string, which holds the key.
/// </summary>
public static class BlobConnectionString
{
    private const string DefaultEndpointSuffix = "core.windows.net";
    private const int DevelopmentBlobPort = 10000;

    public static BlobAccount Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = Split(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var development))
        {
            if (!bool.TryParse(development, out var useDevelopment) || !useDevelopment)
                throw new FormatException("UseDevelopmentStorage must be 'true' when present.");
            return BlobAccount.Development(DevelopmentEndpoint(settings));
        }

        var accountName = Required(settings, "AccountName");
        var key = DecodeKey(Required(settings, "AccountKey"));
        return new BlobAccount(accountName, key, BlobEndpointOf(settings, accountName));
    }

    private static Uri? DevelopmentEndpoint(Dictionary<string, string> settings)
    {
        if (settings.TryGetValue("BlobEndpoint", out var explicitEndpoint)) return AbsoluteHttpUri(explicitEndpoint, "BlobEndpoint");
        if (!settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy)) return null;
        var proxyUri = AbsoluteHttpUri(proxy, "DevelopmentStorageProxyUri");
        return new UriBuilder(proxyUri) { Port = DevelopmentBlobPort, Path = BlobAccount.DevelopmentAccountName + "/" }.Uri;
    }

    private static Uri BlobEndpointOf(Dictionary<string, string> settings, string accountName)
    {
        if (settings.TryGetValue("BlobEndpoint", out var endpoint)) return AbsoluteHttpUri(endpoint, "BlobEndpoint");
        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (protocol is not ("http" or "https"))
            throw new FormatException("DefaultEndpointsProtocol must be 'http' or 'https'.");
        var suffix = settings.GetValueOrDefault("EndpointSuffix", DefaultEndpointSuffix);
        return AbsoluteHttpUri($"{protocol}://{accountName}.blob.{suffix}/", "AccountName/EndpointSuffix");
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end with '='.
            var equals = part.IndexOf('=');
            if (equals <= 0)
                throw new FormatException("The connection string has a part that is not of the form Name=Value.");
            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.Count == 0) throw new FormatException("The connection string is empty.");
        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string name)
        => settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The connection string has no {name}.");

    private static byte[] DecodeKey(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new FormatException("AccountKey is not valid base64.");
        }
    }

    private static Uri AbsoluteHttpUri(string value, string settingName)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{settingName} is not an absolute http(s) URL.");
}
