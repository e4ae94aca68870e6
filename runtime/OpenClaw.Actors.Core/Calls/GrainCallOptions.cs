using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.Calls;

/// <summary>Settings of outgoing grain calls. Configuration section <c>Actors:Calls</c>.</summary>
public sealed class GrainCallOptions
{
    public const string SectionName = "Actors:Calls";

    /// <summary>How long a caller waits for a grain's answer before it gets a <see cref="TimeoutException"/>; also the callee's deadline.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class GrainCallOptionsValidator : IValidateOptions<GrainCallOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCallOptions options) =>
        options.ResponseTimeout > TimeSpan.Zero && options.ResponseTimeout != Timeout.InfiniteTimeSpan
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Actors:Calls:ResponseTimeout is set to {options.ResponseTimeout}. ResponseTimeout must be a positive, finite time span.");
}
