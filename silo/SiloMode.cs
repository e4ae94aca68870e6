namespace OpenClaw.Silo;

/// <summary>Embedded: grains and front tier in one process, state in files. Cluster: grains only (silo/Cluster/).</summary>
internal enum SiloMode
{
    Embedded,
    Cluster,
}
