namespace OpenClaw.Configuration;

/// <summary>One reason a config file was rejected, located in the file that holds the offending text.</summary>
/// <param name="File">File name relative to the main config's directory (what a user sees in their editor).</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Path">Dotted config path (<c>gateway.port</c>), empty for the whole file.</param>
/// <param name="Message">What is wrong, without the location.</param>
public sealed record ConfigError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary><c>openclaw.json:7:15: gateway.port: expected an integer 1-65535, got string</c>.</summary>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length > 0 ? $"{location}: {Path}: {Message}" : $"{location}: {Message}";
    }
}
