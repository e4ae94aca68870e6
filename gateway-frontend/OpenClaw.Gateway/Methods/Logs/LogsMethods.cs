using OpenClaw.Configuration;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Logging;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Logs;

/// <summary>
/// <c>logs.tail</c>: pages through this gateway's JSON-lines log by byte cursor. The file is the one the file logger
/// writes (<see cref="GatewayLogFile"/>); without file logging, the path the config names (the file may not exist,
/// which reads as empty).
/// Neither configured is UNAVAILABLE.
/// </summary>
internal sealed class LogsMethods(IOpenClawConfigSource config, GatewaySettings settings, GatewayLogFile? logFile = null) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = MethodsJson.Default;
        methods.Map("logs.tail", OperatorScopes.Read, json.LogsTailParams, json.LogsTailResult, TailAsync);
    }

    private async Task<LogsTailResult> TailAsync(LogsTailParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var path = ResolvePath()
            ?? throw new RpcException(ErrorCodes.Unavailable, "file logging is not configured for this gateway");
        LogFileTail tail;
        try
        {
            tail = await LogFileTailReader.ReadAsync(
                path,
                request.Cursor,
                request.Limit ?? LogsTailParams.DefaultLimit,
                request.MaxBytes ?? LogsTailParams.DefaultMaxBytes,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RpcException(ErrorCodes.Unavailable, $"log read failed: {exception.Message}");
        }

        return new LogsTailResult(path, tail.Cursor, tail.Size, tail.Lines, tail.Truncated, tail.Reset);
    }

    private string? ResolvePath() =>
        logFile?.Path
        ?? (settings.StateDirectory is { } stateDirectory
            ? GatewayLogPaths.Resolve(config.Current.Config.Logging, stateDirectory)
            : null);
}
