using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.Runtime.Reminders;

/// <summary>Reminder service settings, configuration section <see cref="SectionName"/>.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Actors:Reminders";

    /// <summary>How often the service looks for due reminders; a reminder fires up to this late. Default 1 s.</summary>
    public TimeSpan TickQuantum { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The shortest period a reminder may have (Orleans: 1 minute; here 1 s). Default 1 s.</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one reminder delivery may take before it is cancelled and logged. The next pass waits for the current
    /// one, so this also bounds how long a hung grain can hold up other reminders. Default 30 s.
    /// </summary>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries run in parallel within one pass, up to this many. Default 16.</summary>
    public int MaxConcurrentInvocations { get; set; } = 16;
}

/// <summary>Rejects settings that would stall or spin the reminder loop, naming the option and its value.</summary>
public sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var failures = new List<string>();
        if (options.TickQuantum <= TimeSpan.Zero)
            failures.Add($"TickQuantum is {options.TickQuantum}; it must be positive.");
        if (options.MinimumPeriod <= TimeSpan.Zero)
            failures.Add($"MinimumPeriod is {options.MinimumPeriod}; it must be positive.");
        if (options.InvocationTimeout <= TimeSpan.Zero)
            failures.Add($"InvocationTimeout is {options.InvocationTimeout}; it must be positive.");
        if (options.MaxConcurrentInvocations < 1)
            failures.Add($"MaxConcurrentInvocations is {options.MaxConcurrentInvocations}; it must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
