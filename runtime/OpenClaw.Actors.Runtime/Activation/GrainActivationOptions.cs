using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.Runtime.Activation;

/// <summary>Limits of one activation. Configuration section <c>Actors:Activation</c>.</summary>
public sealed class GrainActivationOptions
{
    public const string SectionName = "Actors:Activation";

    /// <summary>
    /// Requests waiting in one activation's mailbox (not counting the ones running). The overflow rule: a call that
    /// would exceed it fails at once with <see cref="GrainOverloadedException"/>; nothing is dropped silently.
    /// </summary>
    public int MaxEnqueuedRequests { get; set; } = 5000;

    /// <summary>How long <see cref="Grain.OnDeactivateAsync"/> may run before its token fires.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class GrainActivationOptionsValidator : IValidateOptions<GrainActivationOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainActivationOptions options)
    {
        var failures = new List<string>();
        if (options.MaxEnqueuedRequests < 1)
            failures.Add($"Actors:Activation:MaxEnqueuedRequests is set to {options.MaxEnqueuedRequests}. MaxEnqueuedRequests must be at least 1.");
        if (options.DeactivationTimeout <= TimeSpan.Zero)
            failures.Add($"Actors:Activation:DeactivationTimeout is set to {options.DeactivationTimeout}. DeactivationTimeout must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
