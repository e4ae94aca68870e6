using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Auth;

/// <summary>
/// Scope implications (openclaw <c>operator-scope-compat.ts</c>): admin ⇒ all; write ⇒ read, talk, sessions.read,
/// sessions.write; read or sessions.write ⇒ sessions.read.
/// </summary>
public static class OperatorScopeSet
{
    public static bool Grants(IReadOnlyList<string> granted, string required)
    {
        foreach (var scope in granted)
        {
            if (scope == required || Implies(scope, required))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Implies(string held, string required) => held switch
    {
        OperatorScopes.Admin => true,
        OperatorScopes.Write => required is OperatorScopes.Read or OperatorScopes.Talk
            or OperatorScopes.SessionsRead or OperatorScopes.SessionsWrite,
        OperatorScopes.Read or OperatorScopes.SessionsWrite => required == OperatorScopes.SessionsRead,
        _ => false,
    };
}
