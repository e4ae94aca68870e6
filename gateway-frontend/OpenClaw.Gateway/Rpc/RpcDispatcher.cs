using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// Runs one request after hello: authorize, invoke, and turn the outcome into a response frame. Only
/// <see cref="RpcException"/> and <see cref="DomainException"/> messages reach clients (SignalR's HubException rule);
/// anything else is logged once here and answered UNAVAILABLE.
/// </summary>
internal sealed partial class RpcDispatcher(RpcMethodTable table, IOptions<GatewayOptions> options, ILogger<RpcDispatcher> logger)
{
    /// <returns>The response frame (pooled: the caller sends it), or null when the connection went away first.</returns>
    public async ValueTask<OutboundFrame?> DispatchAsync(
        GatewayConnection connection, ConnectionPrincipal principal, InboundFrame.Request request, CancellationToken cancellationToken)
    {
        table.TryGet(request.Method, out var descriptor);
        if (RpcAuthorizer.Authorize(principal, request.Method, descriptor) is { } denied)
        {
            return FrameWriter.Error(request.Id, denied);
        }

        if (descriptor is null)
        {
            return FrameWriter.Error(request.Id, new ErrorShape(ErrorCodes.InvalidRequest, $"unknown method: {request.Method}"));
        }

        var context = new RpcContext(connection.Id, request.Id, principal) { Sink = connection };

        var frame = await InvokeAsync(descriptor, connection, request, context, cancellationToken).ConfigureAwait(false);
        if (!context.IsHoldingEvents) return frame;
        // The handler held events back until its response: queue the response first, then let them go.
        if (frame is { } response) connection.Send(response);
        context.ReleaseHeldEvents();
        return null;
    }

    private async ValueTask<OutboundFrame?> InvokeAsync(
        RpcMethodDescriptor descriptor, GatewayConnection connection, InboundFrame.Request request, RpcContext context, CancellationToken cancellationToken)
    {
        LogInvoked(logger, connection.Id, request.Method);
        try
        {
            var payload = await descriptor.InvokeAsync(request.Params, context, cancellationToken).ConfigureAwait(false);
            return FrameWriter.Response(request.Id, payload);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (RpcException exception)
        {
            return FrameWriter.Error(request.Id, new ErrorShape(exception.Code, exception.Message)
            {
                Details = exception.Details,
                Retryable = exception.Retryable,
                RetryAfterMs = exception.RetryAfterMs,
            });
        }
        catch (DomainException exception)
        {
            return FrameWriter.Error(request.Id, DomainErrorMap.ToShape(exception));
        }
        catch (Exception exception) when (exception is TimeoutException or GrainOverloadedException)
        {
            LogTransientFailure(logger, connection.Id, request.Method, exception.GetType().Name);
            return FrameWriter.Error(request.Id, new ErrorShape(ErrorCodes.Unavailable, "request timed out; retry shortly") { Retryable = true });
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, connection.Id, request.Method);
            var message = options.Value.DetailedErrors ? $"internal error: {exception.Message}" : "internal error";
            return FrameWriter.Error(request.Id, new ErrorShape(ErrorCodes.Unavailable, message));
        }
    }

    [LoggerMessage(1200, LogLevel.Debug, "Connection {ConnectionId} invoked {Method}")]
    private static partial void LogInvoked(ILogger logger, string connectionId, string method);

    [LoggerMessage(1201, LogLevel.Error, "Connection {ConnectionId} method {Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string connectionId, string method);

    [LoggerMessage(1202, LogLevel.Warning, "Connection {ConnectionId} method {Method} failed transiently: {ExceptionType}")]
    private static partial void LogTransientFailure(ILogger logger, string connectionId, string method, string exceptionType);
}
