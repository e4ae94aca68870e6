namespace OpenClaw.Gateway.Protocol.Http;

/// <summary><c>GET /v1/models</c>: OpenAI's list shape.</summary>
public sealed record ModelList(string Object, IReadOnlyList<ModelObject> Data);

/// <summary>One agent exposed as a model id (<c>openclaw/&lt;agentId&gt;</c>).</summary>
public sealed record ModelObject(string Id, string Object, long Created, string OwnedBy);
