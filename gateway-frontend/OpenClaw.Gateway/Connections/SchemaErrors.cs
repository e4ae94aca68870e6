namespace OpenClaw.Gateway.Connections;

/// <summary>
/// Collects validation failures in the wording of openclaw's schema validator (AJV): root errors bare,
/// nested ones as <c>at /pointer: message</c>, joined with "; ".
/// </summary>
internal sealed class SchemaErrors
{
    private readonly List<string> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Required(string pointer, string property) => Add(pointer, $"must have required property '{property}'");

    public void Type(string pointer, string type) => Add(pointer, $"must be {type}");

    public void Unexpected(string pointer, string property) =>
        _errors.Add($"at {(pointer.Length == 0 ? "root" : pointer)}: unexpected property '{property}'");

    public void Add(string pointer, string message) => _errors.Add(pointer.Length == 0 ? message : $"at {pointer}: {message}");

    public override string ToString() => string.Join("; ", _errors.Distinct(StringComparer.Ordinal));
}
