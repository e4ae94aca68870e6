namespace OpenClaw.Gateway.Protocol;

/// <summary>The closed set of operator scopes (openclaw <c>operator-scopes.ts</c>).</summary>
public static class OperatorScopes
{
    public const string Admin = "operator.admin";
    public const string Read = "operator.read";
    public const string Write = "operator.write";
    public const string SessionsRead = "operator.sessions.read";
    public const string SessionsWrite = "operator.sessions.write";
    public const string Approvals = "operator.approvals";
    public const string Questions = "operator.questions";
    public const string Pairing = "operator.pairing";
    public const string Talk = "operator.talk";
    public const string TalkSecrets = "operator.talk.secrets";

    public static IReadOnlyList<string> All { get; } =
        [Admin, Read, Write, SessionsRead, SessionsWrite, Approvals, Questions, Pairing, Talk, TalkSecrets];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
