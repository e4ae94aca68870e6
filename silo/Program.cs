using OpenClaw.Configuration;
using OpenClaw.Silo;

// The embedded OpenClaw gateway: `dotnet run --project silo -c Release`.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(SiloCommandLine.Usage);
    return 0;
}

EmbeddedHostOptions options;
try
{
    options = SiloCommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SiloCommandLine.Usage);
    return 2;
}

try
{
    await using var app = await EmbeddedHost.StartAsync(options, CancellationToken.None);
    await app.WaitForShutdownAsync();
    return 0;
}
catch (ConfigLoadException ex)
{
    // A broken config stops startup with the file, line and key; nothing else is worth a stack trace here.
    Console.Error.WriteLine($"openclaw: configuration error: {ex.Message}");
    return 1;
}
