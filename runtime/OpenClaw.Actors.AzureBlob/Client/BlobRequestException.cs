using System.Net;

namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>
/// The Blob service refused a request: the HTTP status and the service's <c>x-ms-error-code</c> (see
/// <see cref="BlobErrorCodes"/>). The message names the operation and the blob, never credentials or signatures.
/// </summary>
public sealed class BlobRequestException(string operation, string resource, HttpStatusCode status, string? errorCode)
    : Exception(FormatMessage(operation, resource, status, errorCode))
{
    public string Operation { get; } = operation;

    /// <summary>The container or <c>container/blob</c> the request was about.</summary>
    public string Resource { get; } = resource;

    public HttpStatusCode Status { get; } = status;

    /// <summary>The service's error code, e.g. <c>ConditionNotMet</c>; null when the response had none.</summary>
    public string? ErrorCode { get; } = errorCode;

    /// <summary>An optimistic-concurrency loss: a precondition (ETag, append position, existence) did not hold.</summary>
    public bool IsConditionFailure
        => Status == HttpStatusCode.PreconditionFailed
           || (Status == HttpStatusCode.Conflict && ErrorCode == BlobErrorCodes.BlobAlreadyExists);

    /// <summary>Worth retrying later: throttling or a server-side failure.</summary>
    public bool IsTransient => Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)Status >= 500;

    private static string FormatMessage(string operation, string resource, HttpStatusCode status, string? errorCode)
    {
        var message = $"Blob {operation} on '{resource}' failed: {(int)status} {errorCode ?? status.ToString()}.";
        return status == HttpStatusCode.Forbidden
            ? message + " The request was not authorized: check the account name and key of the connection string."
            : message;
    }
}
