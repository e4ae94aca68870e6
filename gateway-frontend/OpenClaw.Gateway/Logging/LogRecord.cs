using Microsoft.Extensions.Logging;

namespace OpenClaw.Gateway.Logging;

/// <summary>One log call, captured at the call site (the message is formatted there, since state may change later).</summary>
internal sealed record LogRecord(DateTimeOffset Time, LogLevel Level, string Category, string Message, Exception? Exception);
