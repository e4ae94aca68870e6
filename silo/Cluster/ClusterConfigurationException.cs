namespace OpenClaw.Hosting.Cluster;

/// <summary>A cluster host cannot start: a required setting is missing or malformed. The message names the variable.</summary>
public sealed class ClusterConfigurationException(string message) : Exception(message);
