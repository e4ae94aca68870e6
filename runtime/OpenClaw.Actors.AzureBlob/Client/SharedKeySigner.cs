using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>
/// Signs a request with the account's Shared Key, as the Blob service specifies ("Authorize with Shared Key",
/// version 2015-02-21 and later): an HMAC-SHA256 over the verb, the standard headers, the <c>x-ms-*</c> headers in
/// order and the canonicalized resource. Everything signed is read back from the request itself, so what is signed is
/// what is sent. Call it last, after every header and the content are set.
/// </summary>
internal static class SharedKeySigner
{
    public static void Sign(HttpRequestMessage request, BlobAccount account, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var stringToSign = StringToSign(request, account.AccountName, query);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(account.Key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", $"{account.AccountName}:{signature}");
    }

    internal static string StringToSign(HttpRequestMessage request, string accountName, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var content = request.Content?.Headers;
        var length = content?.ContentLength ?? 0;
        var builder = new StringBuilder(256)
            .Append(request.Method.Method).Append('\n')
            .Append(Join(content?.ContentEncoding)).Append('\n')
            .Append(Join(content?.ContentLanguage)).Append('\n')
            // Since 2015-02-21 a zero length is signed as the empty string.
            .Append(length > 0 ? length.ToString(CultureInfo.InvariantCulture) : "").Append('\n')
            .Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "").Append('\n')
            .Append(content?.ContentType?.ToString() ?? "").Append('\n')
            .Append('\n') // Date: x-ms-date is sent instead
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var (name, value) in CanonicalizedHeaders(request))
            builder.Append(name).Append(':').Append(value).Append('\n');

        // Path-style URLs (Azurite) already start with /<account>, so the account appears twice: that is the spec.
        builder.Append('/').Append(accountName).Append(request.RequestUri!.AbsolutePath);
        foreach (var group in query.GroupBy(p => p.Key.ToLowerInvariant()).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var values = group.Select(p => p.Value).Order(StringComparer.Ordinal);
            builder.Append('\n').Append(group.Key).Append(':').Append(string.Join(',', values));
        }

        return builder.ToString();
    }

    private static IEnumerable<(string Name, string Value)> CanonicalizedHeaders(HttpRequestMessage request)
        => request.Headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value.Select(v => v.Trim()))))
            .OrderBy(h => h.Name, StringComparer.Ordinal);

    private static string Header(HttpRequestMessage request, string name)
        => request.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : "";

    private static string Join(ICollection<string>? values) => values is { Count: > 0 } ? string.Join(',', values) : "";
}
