namespace OpenClaw.Configuration.Json5;

/// <summary>A JSON5 syntax error. <see cref="Exception.Message"/> reads <c>source:line:column: reason</c>.</summary>
public sealed class ConfigParseException : Exception
{
    public ConfigParseException(string sourceName, int line, int column, string reason)
        : base($"{sourceName}:{line}:{column}: {reason}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public string SourceName { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column, in UTF-16 code units.</summary>
    public int Column { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Reason { get; }
}
