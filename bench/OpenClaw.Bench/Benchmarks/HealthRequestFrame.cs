using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>A preallocated <c>health</c> request whose fixed-width decimal id is rewritten in place before each send.</summary>
internal sealed class HealthRequestFrame
{
    private const int IdDigits = 16;
    private static readonly StandardFormat IdFormat = new('D', IdDigits);
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("{\"type\":\"req\",\"id\":\"");
    private static readonly byte[] Suffix = Encoding.UTF8.GetBytes("\",\"method\":\"health\",\"params\":{}}");

    private readonly byte[] _bytes = [.. Prefix, .. new byte[IdDigits], .. Suffix];

    /// <summary>Largest id that fits the fixed width.</summary>
    public const long MaxId = 9_999_999_999_999_999;

    public ReadOnlyMemory<byte> WithId(long id)
    {
        if (!Utf8Formatter.TryFormat(id, _bytes.AsSpan(Prefix.Length, IdDigits), out _, IdFormat))
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Request ids must fit {IdDigits} digits.");
        return _bytes;
    }
}
