using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpenClaw.Configuration.Json5;

namespace OpenClaw.Configuration.Loading;

/// <summary>
/// Resolves <c>$include</c> directives. A string includes one file: its content replaces the containing object and
/// sibling keys are merged over it. An array deep-merges its files in order (later wins), then siblings override.
/// Paths are relative to the including file and must stay inside the config directory or an
/// <c>OPENCLAW_INCLUDE_ROOTS</c> entry; nesting is limited to <see cref="MaxDepth"/> levels and cycles are errors.
/// </summary>
internal sealed class IncludeResolver
{
    public const string IncludeKey = "$include";
    public const int MaxDepth = 10;

    private readonly ConfigFileReader _reader;
    private readonly ConfigSourceMap _sourceMap;
    private readonly IReadOnlyList<string> _roots;
    private readonly List<string> _includedPaths = [];
    private readonly string _mainFilePath;

    public IncludeResolver(string mainFilePath, ConfigFileReader reader, ConfigSourceMap sourceMap, IReadOnlyList<string> roots)
    {
        _mainFilePath = mainFilePath;
        _reader = reader;
        _sourceMap = sourceMap;
        _roots = roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).ToArray();
    }

    /// <summary>Every file pulled in, in the order first seen.</summary>
    public IReadOnlyList<string> IncludedPaths => _includedPaths;

    /// <exception cref="ConfigLoadException">A bad, missing, escaping, too deep or circular include.</exception>
    public JsonNode? Resolve(JsonNode? root) =>
        Process(root, new IncludeChain(_mainFilePath, [_mainFilePath]), "");

    private JsonNode? Process(JsonNode? node, IncludeChain chain, string path)
    {
        switch (node)
        {
            case JsonArray array:
                var index = 0;
                foreach (var item in JsonNodes.DetachAll(array))
                {
                    array.Add(Process(item, chain, $"{path}[{index++}]"));
                }
                return array;
            case JsonObject obj when obj.ContainsKey(IncludeKey):
                return ProcessInclude(obj, chain, path);
            case JsonObject obj:
                foreach (var (key, value) in JsonNodes.DetachAll(obj))
                {
                    obj[key] = Process(value, chain, Child(path, key));
                }
                return obj;
            default:
                return node;
        }
    }

    private JsonNode? ProcessInclude(JsonObject obj, IncludeChain chain, string path)
    {
        var directive = obj[IncludeKey];
        obj.Remove(IncludeKey);
        var directivePath = Child(path, IncludeKey);
        var included = directive switch
        {
            JsonValue value when value.TryGetValue<string>(out var file) => LoadFile(file, directive, chain, directivePath),
            JsonArray files => LoadAndMerge(files, chain, directivePath),
            _ => throw Error(directive, directivePath, $"expected a file path or an array of file paths, got {JsonNodes.TypeName(directive)}"),
        };
        if (obj.Count == 0)
        {
            return included;
        }
        if (included is not JsonObject)
        {
            throw Error(directive, directivePath, $"sibling keys need the included content to be an object, got {JsonNodes.TypeName(included)}");
        }
        // The containing object, now holding only the siblings, is merged over what was included.
        var siblings = (JsonObject)Process(obj, chain, path)!;
        return JsonDeepMerge.Merge(included, siblings, _sourceMap);
    }

    private JsonNode? LoadAndMerge(JsonArray files, IncludeChain chain, string directivePath)
    {
        JsonNode? merged = new JsonObject();
        foreach (var item in files)
        {
            if (item is not JsonValue value || !value.TryGetValue<string>(out var file))
            {
                throw Error(item ?? files, directivePath, $"expected a file path, got {JsonNodes.TypeName(item)}");
            }
            merged = JsonDeepMerge.Merge(merged, LoadFile(file, item, chain, directivePath), _sourceMap);
        }
        return merged;
    }

    private JsonNode? LoadFile(string includePath, JsonNode directive, IncludeChain chain, string directivePath)
    {
        var fullPath = Path.GetFullPath(includePath, Path.GetDirectoryName(chain.CurrentFile)!);
        EnsureConfined(includePath, fullPath, directive, directivePath);
        if (chain.Files.Contains(fullPath, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", chain.Files.Append(fullPath).Select(_reader.DisplayNameOf));
            throw Error(directive, directivePath, $"circular include: {cycle}");
        }
        if (chain.Files.Count > MaxDepth)
        {
            throw Error(directive, directivePath, $"includes nested deeper than {MaxDepth} levels at '{includePath}'");
        }
        if (!File.Exists(fullPath))
        {
            throw Error(directive, directivePath, $"included file not found: {includePath} (resolved: {fullPath})");
        }
        if (!_includedPaths.Contains(fullPath, StringComparer.Ordinal))
        {
            _includedPaths.Add(fullPath);
        }
        Json5Document document;
        try
        {
            document = _reader.ReadAndParse(fullPath, out _);
        }
        catch (ConfigParseException parseError)
        {
            throw new ConfigLoadException(
                _mainFilePath,
                [new ConfigError(parseError.SourceName, parseError.Line, parseError.Column, "", parseError.Reason)],
                parseError);
        }
        catch (IOException ioError)
        {
            throw Error(directive, directivePath, $"cannot read included file {includePath}: {ioError.Message}");
        }
        // The included content takes the place of the directive's owner, so its paths continue from there.
        var ownerPath = directivePath.Length > IncludeKey.Length ? directivePath[..^(IncludeKey.Length + 1)] : "";
        return Process(document.Root, new IncludeChain(fullPath, chain.Files.Add(fullPath)), ownerPath);
    }

    private void EnsureConfined(string includePath, string fullPath, JsonNode directive, string directivePath)
    {
        if (!_roots.Any(root => IsInside(root, fullPath)))
        {
            throw Error(directive, directivePath, $"include path escapes the config directory: {includePath} (resolved: {fullPath}; allowed roots: {string.Join(", ", _roots)})");
        }
        // A symlink inside a root must not lead outside every root.
        var target = File.Exists(fullPath) ? new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true) : null;
        if (target is not null && !_roots.Any(root => IsInside(root, target.FullName)))
        {
            throw Error(directive, directivePath, $"include path resolves outside the config directory through a symlink: {includePath} (target: {target.FullName})");
        }
    }

    private static bool IsInside(string root, string path) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private ConfigLoadException Error(JsonNode? at, string path, string message)
    {
        _sourceMap.TryGetValue(at, out var position);
        return new ConfigLoadException(
            _mainFilePath,
            [new ConfigError(position?.DisplayName ?? _reader.DisplayNameOf(_mainFilePath), position?.Line ?? 0, position?.Column ?? 0, path, message)]);
    }

    private sealed record IncludeChain(string CurrentFile, ImmutableList<string> Files);
}
