using Microsoft.Extensions.Options;

namespace OpenClaw.Actors.Runtime.Collection;

/// <summary>Idle collection of activations. Configuration section <c>Actors:Collection</c>.</summary>
public sealed class GrainCollectionOptions
{
    public const string SectionName = "Actors:Collection";

    /// <summary>An activation idle (no request, no keep-alive tick) for longer than this is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations; an activation may live up to age + quantum.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class GrainCollectionOptionsValidator : IValidateOptions<GrainCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        if (options.CollectionQuantum <= TimeSpan.Zero)
            return ValidateOptionsResult.Fail($"Actors:Collection:CollectionQuantum is set to {options.CollectionQuantum}. CollectionQuantum must be greater than zero.");
        if (options.CollectionAge <= options.CollectionQuantum)
        {
            return ValidateOptionsResult.Fail(
                $"Actors:Collection:CollectionAge is set to {options.CollectionAge}. CollectionAge must be greater than CollectionQuantum ({options.CollectionQuantum}).");
        }

        return ValidateOptionsResult.Success;
    }
}
