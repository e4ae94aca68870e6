using System.Diagnostics;
using System.Text.Json;

namespace OpenClaw.Gateway.Tests.Devices;

/// <summary>What a client would sign, sent to sign-device.mjs.</summary>
public sealed record DeviceSignRequest(
    string ClientId, string ClientMode, string Role, IReadOnlyList<string> Scopes, long SignedAtMs, string Token, string Nonce, string? Platform, string? DeviceFamily);

/// <summary>A fresh Node-generated identity and its signatures over the v2 and v3 payloads.</summary>
public sealed record SignedDevice(
    string PublicKey, string PublicKeyPem, string DeviceId, string PayloadV2, string PayloadV3, string SignatureV2, string SignatureV3);

/// <summary>Runs sign-device.mjs under Node, the crypto stack real OpenClaw clients sign with.</summary>
internal static class NodeDeviceSigner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<SignedDevice> SignAsync(DeviceSignRequest request)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Devices", "sign-device.mjs");
        Assert.True(File.Exists(script), $"Node signing helper not copied to the test output: {script}");

        var startInfo = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start");
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await node.StandardInput.WriteAsync(JsonSerializer.Serialize(request, Json).AsMemory(), timeout.Token);
            node.StandardInput.Close();
            Task<string> stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = node.StandardError.ReadToEndAsync(timeout.Token);
            await node.WaitForExitAsync(timeout.Token);
            string output = await stdout;
            Assert.True(node.ExitCode == 0, $"sign-device.mjs exited {node.ExitCode}: {await stderr}");
            return JsonSerializer.Deserialize<SignedDevice>(output, Json) ?? throw new InvalidOperationException("empty signer output");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"sign-device.mjs did not finish within {Timeout.TotalSeconds} s");
        }
    }
}
