using Microsoft.Extensions.Logging;

namespace OpenClaw.Grains.Agents.Models.Routing;

/// <summary>Model routing log lines (EventIds 3400-3419). Never logs prompts, answers or keys.</summary>
internal static partial class ModelsLog
{
    [LoggerMessage(3400, LogLevel.Information, "Model provider {Provider}: attempt {Attempt} failed ({Kind}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string provider, int attempt, ModelErrorKind kind, double delayMs);

    [LoggerMessage(3401, LogLevel.Warning, "Model {Model} failed ({Kind}): {Reason}; trying the next model of the chain")]
    public static partial void FallingBack(ILogger logger, string model, ModelErrorKind kind, string reason);

    [LoggerMessage(3402, LogLevel.Warning, "Model provider {Provider}: circuit opened for {BreakSeconds} s after repeated failures")]
    public static partial void CircuitOpened(ILogger logger, string provider, double breakSeconds);

    [LoggerMessage(3403, LogLevel.Information, "Model provider {Provider}: circuit closed")]
    public static partial void CircuitClosed(ILogger logger, string provider);

    [LoggerMessage(3404, LogLevel.Information, "Model {Model} skipped: its provider's circuit is open")]
    public static partial void SkippedOpenCircuit(ILogger logger, string model);

    [LoggerMessage(3405, LogLevel.Warning, "Every model of the chain failed: {Attempts}")]
    public static partial void ChainExhausted(ILogger logger, string attempts);
}
