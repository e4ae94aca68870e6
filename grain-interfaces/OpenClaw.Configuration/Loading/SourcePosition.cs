namespace OpenClaw.Configuration.Loading;

/// <summary>Where a value came from: which file (main or included) and where in it.</summary>
internal sealed record SourcePosition(string DisplayName, int Line, int Column);
