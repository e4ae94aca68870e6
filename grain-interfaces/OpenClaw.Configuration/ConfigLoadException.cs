namespace OpenClaw.Configuration;

/// <summary>The config file cannot be used: bad syntax, a bad include, a wrong type or value, or an unknown section.</summary>
public sealed class ConfigLoadException : Exception
{
    public ConfigLoadException(string configPath, IReadOnlyList<ConfigError> errors, Exception? innerException = null)
        : base(Describe(errors), innerException)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }
        ConfigPath = configPath;
        Errors = errors;
    }

    /// <summary>The main config file that was being loaded.</summary>
    public string ConfigPath { get; }

    /// <summary>Every error found, in document order where possible.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>The errors as path + message pairs (the shape of <c>config.get</c>'s <c>issues</c>).</summary>
    public IReadOnlyList<ConfigIssue> Issues => Errors.Select(e => new ConfigIssue(e.Path, e.Message)).ToArray();

    private static string Describe(IReadOnlyList<ConfigError> errors) =>
        errors.Count switch
        {
            0 => "invalid config",
            1 => errors[0].ToString(),
            _ => $"{errors[0]} (and {errors.Count - 1} more){Environment.NewLine}{string.Join(Environment.NewLine, errors)}",
        };
}
