namespace OpenClaw.Configuration.Json5;

/// <summary>A 1-based line and column (UTF-16 code units) in a source text.</summary>
public readonly record struct TextPosition(int Line, int Column);
