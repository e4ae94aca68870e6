using OpenClaw.Actors.AzureBlob.Client;

namespace OpenClaw.Actors.AzureBlob.Tests.Support;

/// <summary>
/// A real HTTP handler with switchable faults, standing in for a network that fails at the worst moment: requests
/// matching <see cref="FailBeforeSending"/> never reach the service; those matching <see cref="LoseResponse"/> reach
/// it and are carried out, but their answer is lost. Each fails with <see cref="HttpRequestException"/>.
/// </summary>
public sealed class FaultyHttpHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public Func<HttpRequestMessage, bool>? FailBeforeSending { get; set; }

    public Func<HttpRequestMessage, bool>? LoseResponse { get; set; }

    /// <summary>Runs before each request is sent (e.g. another writer acting at exactly that moment).</summary>
    public Func<HttpRequestMessage, CancellationToken, Task>? BeforeSending { get; set; }

    /// <summary>Answers in the service's place, without sending the request, when it returns a response.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? AnswerInstead { get; set; }

    /// <summary>Requests that hang (no answer, no error) until the caller gives up.</summary>
    public Func<HttpRequestMessage, bool>? Hang { get; set; }

    public static bool IsAppendBlock(HttpRequestMessage request) => request.RequestUri!.Query.Contains("comp=appendblock", StringComparison.Ordinal);

    public static bool IsLeaseRenewal(HttpRequestMessage request)
        => request.RequestUri!.Query.Contains("comp=lease", StringComparison.Ordinal)
           && request.Headers.TryGetValues("x-ms-lease-action", out var actions) && actions.Contains("renew");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (BeforeSending is { } before) await before(request, cancellationToken);
        if (AnswerInstead?.Invoke(request) is { } answer) return answer;
        if (FailBeforeSending?.Invoke(request) == true) throw new HttpRequestException("injected: the request was not sent");
        if (Hang?.Invoke(request) == true) await Task.Delay(Timeout.Infinite, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (LoseResponse?.Invoke(request) != true) return response;
        response.Dispose();
        throw new HttpRequestException("injected: the answer was lost after the service acted");
    }
}

/// <summary>A <see cref="BlobRestClient"/> for the Azurite account whose requests go through a <see cref="FaultyHttpHandler"/>.</summary>
public sealed class FaultyBlobConnection : IDisposable
{
    private readonly HttpClient _http;

    public FaultyBlobConnection(TimeSpan? requestTimeout = null)
    {
        _http = new HttpClient(Handler) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new BlobRestClient(BlobAccount.Development(AzuriteFixture.BlobEndpoint), _http,
            new BlobRestClientOptions { RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10) });
    }

    public FaultyHttpHandler Handler { get; } = new();

    public BlobRestClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
    }
}
