namespace OpenClaw.Gateway.Protocol.Http;

/// <summary><c>GET /v1/sessions</c>: one page of an agent's sessions, newest first.</summary>
public sealed record RestSessionList(IReadOnlyList<SessionRow> Sessions, int Total)
{
    public int? NextOffset { get; init; }
}

/// <summary><c>DELETE /v1/sessions/{key}</c>.</summary>
public sealed record RestSessionDeleted(bool Ok, string Key, bool Deleted);

/// <summary><c>GET /v1/channels</c>: the configured channels and their accounts.</summary>
public sealed record RestChannelList(IReadOnlyList<RestChannel> Channels);

public sealed record RestChannel(string Id, string Label, bool Enabled, IReadOnlyList<RestChannelAccount> Accounts);

public sealed record RestChannelAccount(string AccountId, bool Enabled);
