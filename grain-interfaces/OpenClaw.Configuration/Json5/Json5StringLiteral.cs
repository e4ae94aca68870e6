namespace OpenClaw.Configuration.Json5;

/// <summary>Where a string value sits in the source text (quotes included), so it can be replaced in place.</summary>
internal readonly record struct Json5StringLiteral(int Start, int Length, string Value, string Pointer);
