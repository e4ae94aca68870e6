namespace OpenClaw.Bench.Reporting;

/// <summary>One line of the table. <see cref="TargetMet"/> is null for rows without a target.</summary>
internal sealed record ResultRow(string Metric, string Value, string Target = "", bool? TargetMet = null)
{
    /// <summary>True when the row reports a phase that could not measure at all.</summary>
    public bool IsFailure { get; private init; }

    public string Status => TargetMet switch { true => "ok", false => "MISSED", null => "" };

    public static ResultRow Failed(string metric, string reason, string target = "") =>
        new(metric, $"failed: {reason}", target, target.Length > 0 ? false : null) { IsFailure = true };
}
