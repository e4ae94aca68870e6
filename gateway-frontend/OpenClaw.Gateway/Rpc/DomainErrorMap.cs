using System.Text.Json.Nodes;
using OpenClaw.Actors;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// The one table from grain failures to protocol errors. A <see cref="DomainException"/> whose code is already a
/// protocol code passes through; known domain codes map as listed; any other code becomes UNAVAILABLE with the
/// domain code kept in <c>details.code</c>.
/// </summary>
internal static class DomainErrorMap
{
    private static readonly Dictionary<string, (string Code, bool Retryable)> Known = new(StringComparer.Ordinal)
    {
        [ErrorCodes.InvalidRequest] = (ErrorCodes.InvalidRequest, false),
        [ErrorCodes.Forbidden] = (ErrorCodes.Forbidden, false),
        [ErrorCodes.NotPaired] = (ErrorCodes.NotPaired, false),
        [ErrorCodes.Unavailable] = (ErrorCodes.Unavailable, true),
        [ErrorCodes.ApprovalNotFound] = (ErrorCodes.ApprovalNotFound, false),
        ["NOT_FOUND"] = (ErrorCodes.InvalidRequest, false),
        ["INVALID"] = (ErrorCodes.InvalidRequest, false),
        ["CONFLICT"] = (ErrorCodes.InvalidRequest, false),
        ["BUSY"] = (ErrorCodes.Unavailable, true),
    };

    public static ErrorShape ToShape(DomainException exception)
    {
        if (Known.TryGetValue(exception.Code, out var mapped))
        {
            return new ErrorShape(mapped.Code, exception.Message)
            {
                Retryable = exception.Retryable || mapped.Retryable ? true : null,
                Details = mapped.Code == exception.Code ? null : new JsonObject { ["code"] = exception.Code },
            };
        }

        return new ErrorShape(ErrorCodes.Unavailable, exception.Message)
        {
            Details = new JsonObject { ["code"] = exception.Code },
            Retryable = exception.Retryable ? true : null,
        };
    }
}
