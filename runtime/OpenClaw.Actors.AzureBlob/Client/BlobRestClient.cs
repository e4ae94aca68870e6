using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>
/// A small Azure Blob Storage REST client with Shared Key auth: containers, block blobs with If-Match/If-None-Match,
/// append blobs with conditional appends, leases and listings. Every request has a bounded timeout
/// (<see cref="BlobRestClientOptions.RequestTimeout"/>, then <see cref="TimeoutException"/>); refusals become
/// <see cref="BlobRequestException"/>. Thread-safe; keep one per account. It exists because the Azure SDK does not
/// restore in this build environment.
/// </summary>
public sealed partial class BlobRestClient : IDisposable
{
    /// <summary>The REST API version every request asks for.</summary>
    public const string ApiVersion = "2021-12-02";

    private static readonly IReadOnlyList<KeyValuePair<string, string>> NoQuery = [];
    private static readonly IReadOnlyList<KeyValuePair<string, string>> ContainerQuery = [new("restype", "container")];

    private readonly BlobAccount _account;
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly BlobRestClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A client over <paramref name="http"/>, which the caller keeps owning.</summary>
    public BlobRestClient(BlobAccount account, HttpClient http, BlobRestClientOptions? options = null, TimeProvider? time = null, ILogger<BlobRestClient>? logger = null)
        : this(account, http, ownsHttpClient: false, options, time, logger)
    {
    }

    private BlobRestClient(BlobAccount account, HttpClient http, bool ownsHttpClient, BlobRestClientOptions? options, TimeProvider? time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(http);
        _options = options ?? new BlobRestClientOptions();
        _options.Validate();
        _account = account;
        _http = http;
        _ownsHttpClient = ownsHttpClient;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>A client with its own connection pool, disposed with the client.</summary>
    public static BlobRestClient Create(BlobAccount account, BlobRestClientOptions? options = null, TimeProvider? time = null, ILogger<BlobRestClient>? logger = null)
    {
        var handler = new SocketsHttpHandler
        {
            // Pick up DNS changes of the storage endpoint; idle connections are closed before the service drops them:
            // Azurite (Node) closes a keep-alive connection after 5 s idle, and a request sent on such a connection as
            // it closes fails with "connection reset by peer" (seen on reminder passes and state writes).
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        // Our own per-request timeout applies; HttpClient's would surface as a bare TaskCanceledException.
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new BlobRestClient(account, http, ownsHttpClient: true, options, time, logger);
    }

    public BlobAccount Account => _account;

    public void Dispose()
    {
        if (_ownsHttpClient) _http.Dispose();
    }

    /// <summary>Creates a container; true if it was created, false if it already existed.</summary>
    public Task<bool> CreateContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        BlobPaths.ValidateContainer(container);
        return RunAsync("create container", container, async token =>
        {
            using var response = await SendAsync(HttpMethod.Put, container, null, ContainerQuery, null, null, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Conflict && ErrorCode(response) == BlobErrorCodes.ContainerAlreadyExists) return false;
            EnsureSuccess(response, "create container", container);
            return true;
        }, cancellationToken);
    }

    /// <summary>Deletes a container and everything in it; false if there was none.</summary>
    public Task<bool> DeleteContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        BlobPaths.ValidateContainer(container);
        return RunAsync("delete container", container, async token =>
        {
            using var response = await SendAsync(HttpMethod.Delete, container, null, ContainerQuery, null, null, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            EnsureSuccess(response, "delete container", container);
            return true;
        }, cancellationToken);
    }

    /// <summary>Runs one request under the client's timeout, turning our own timeout into a TimeoutException.</summary>
    private async Task<T> RunAsync<T>(string operation, string resource, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            return await request(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Blob {operation} on '{resource}' got no answer within {_options.RequestTimeout.TotalSeconds:0.#} s.", ex);
        }
    }

    /// <summary>Builds, signs and sends one request. The caller disposes the response.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string container,
        string? blob,
        IReadOnlyList<KeyValuePair<string, string>> query,
        Action<HttpRequestMessage>? addHeaders,
        HttpContent? content,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(_account.BlobEndpoint, BlobPaths.Relative(container, blob, query));
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.TryAddWithoutValidation("x-ms-date", _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-ms-version", ApiVersion);
        addHeaders?.Invoke(request);
        SharedKeySigner.Sign(request, _account, query);

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            LogRequestRefused(method.Method, BlobPaths.Resource(container, blob), (int)response.StatusCode, ErrorCode(response));
        return response;
    }

    private static void EnsureSuccess(HttpResponseMessage response, string operation, string resource)
    {
        if (!response.IsSuccessStatusCode)
            throw new BlobRequestException(operation, resource, response.StatusCode, ErrorCode(response));
    }

    private static string? ErrorCode(HttpResponseMessage response)
        => response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;

    [LoggerMessage(2900, LogLevel.Debug, "Blob service refused {Method} {Resource}: {Status} {ErrorCode}")]
    private partial void LogRequestRefused(string method, string resource, int status, string? errorCode);
}
