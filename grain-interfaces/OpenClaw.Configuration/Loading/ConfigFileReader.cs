using OpenClaw.Configuration.Json5;

namespace OpenClaw.Configuration.Loading;

/// <summary>Reads and parses one config file (main or included), registering its positions in the source map.</summary>
internal sealed class ConfigFileReader(string configDirectory, ConfigSourceMap sourceMap)
{
    /// <summary>The name errors use for a file: relative to the main config's directory.</summary>
    public string DisplayNameOf(string fullPath) => Path.GetRelativePath(configDirectory, fullPath);

    /// <exception cref="ConfigParseException">Bad JSON5.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public Json5Document ReadAndParse(string fullPath, out string text)
    {
        text = File.ReadAllText(fullPath);
        var document = Json5Reader.ParseDocument(text, DisplayNameOf(fullPath));
        sourceMap.AddDocument(document, document.SourceName);
        return document;
    }
}
