using System.Text.Json.Nodes;
using OpenClaw.Configuration.Binding;
using OpenClaw.Configuration.Json5;
using OpenClaw.Configuration.Loading;
using OpenClaw.Configuration.Model;

namespace OpenClaw.Configuration;

/// <summary>
/// Loads <c>openclaw.json</c>: JSON5 → <c>$include</c> → <c>${VAR}</c> → top-level check → typed binding.
/// A missing file gives defaults; anything unusable throws <see cref="ConfigLoadException"/> naming file, line,
/// column and key path. Stateless and thread-safe.
/// </summary>
public sealed class OpenClawConfigLoader(Func<string, string?> getEnv, string homeDirectory)
{
    /// <summary>A loader reading the process environment.</summary>
    public static OpenClawConfigLoader FromEnvironment() =>
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <exception cref="ConfigLoadException">The file exists but cannot be used.</exception>
    public ConfigSnapshot Load(string configPath)
    {
        var fullPath = Path.GetFullPath(configPath);
        if (!File.Exists(fullPath))
        {
            return Missing(fullPath);
        }
        var sourceMap = new ConfigSourceMap();
        var configDir = Path.GetDirectoryName(fullPath)!;
        var reader = new ConfigFileReader(configDir, sourceMap);
        var displayName = reader.DisplayNameOf(fullPath);
        var (document, raw) = ReadMainFile(reader, fullPath, displayName);
        if (document.Root is not JsonObject)
        {
            throw SingleError(fullPath, displayName, 1, 1, $"expected the config to be an object, got {JsonNodes.TypeName(document.Root)}");
        }

        var includes = new IncludeResolver(fullPath, reader, sourceMap, OpenClawPaths.IncludeRoots(fullPath, getEnv, homeDirectory));
        if (includes.Resolve(document.Root) is not JsonObject parsed)
        {
            throw SingleError(fullPath, displayName, 1, 1, "the top-level $include must produce an object");
        }

        var substitution = new EnvVarSubstitution(EnvLookup(parsed), sourceMap);
        substitution.Apply(parsed, "");

        var context = new ConfigBindingContext(sourceMap, displayName);
        var config = OpenClawConfigBinder.Bind(parsed, context);
        if (context.Errors.Count > 0)
        {
            throw new ConfigLoadException(fullPath, context.Errors);
        }
        return new ConfigSnapshot(
            fullPath,
            Exists: true,
            raw,
            parsed,
            config,
            ConfigHash.OfRaw(raw),
            Issues: [],
            Warnings: [.. substitution.Warnings, .. context.Warnings],
            IncludedPaths: includes.IncludedPaths.ToArray());
    }

    private static ConfigSnapshot Missing(string fullPath)
    {
        var parsed = new JsonObject();
        return new ConfigSnapshot(fullPath, Exists: false, Raw: null, parsed, OpenClawConfig.Default, ConfigHash.OfParsed(parsed), [], [], []);
    }

    private static (Json5Document Document, string Raw) ReadMainFile(ConfigFileReader reader, string fullPath, string displayName)
    {
        try
        {
            var document = reader.ReadAndParse(fullPath, out var raw);
            return (document, raw);
        }
        catch (ConfigParseException parseError)
        {
            throw new ConfigLoadException(
                fullPath,
                [new ConfigError(parseError.SourceName, parseError.Line, parseError.Column, "", parseError.Reason)],
                parseError);
        }
        catch (Exception ioError) when (ioError is IOException or UnauthorizedAccessException)
        {
            throw new ConfigLoadException(fullPath, [new ConfigError(displayName, 0, 0, "", $"cannot read the config file: {ioError.Message}")], ioError);
        }
    }

    /// <summary>
    /// The process environment first, then the config's own <c>env.vars</c> and string entries of <c>env</c>
    /// (OpenClaw applies those to the environment only where a variable is not already set).
    /// </summary>
    private Func<string, string?> EnvLookup(JsonObject parsed)
    {
        var fromConfig = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parsed["env"] is JsonObject env)
        {
            foreach (var (key, value) in env)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    fromConfig[key] = text;
                }
            }
            if (env["vars"] is JsonObject vars)
            {
                foreach (var (key, value) in vars)
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        fromConfig[key] = text;
                    }
                }
            }
        }
        return name => getEnv(name) is { Length: > 0 } value ? value : fromConfig.GetValueOrDefault(name);
    }

    private static ConfigLoadException SingleError(string fullPath, string displayName, int line, int column, string message) =>
        new(fullPath, [new ConfigError(displayName, line, column, "", message)]);
}
