using System.Diagnostics;
using System.Globalization;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.LoadBench;

public sealed record ResidentMemory(double Resident, double Peak, double Anonymous, double Files);

/// <summary>
/// The built bot as a process of its own (<c>dotnet TreatyBot.dll …</c>), its output drained and discarded, its store
/// in a temporary folder. Disposing kills it if it still runs and deletes the folder; nothing outlives the harness.
/// </summary>
public sealed class ChildBot : IDisposable
{
    private readonly Process process;
    private readonly string storage;

    private ChildBot(Process process, string storage)
    {
        this.process = process;
        this.storage = storage;
    }

    public int ExitCode => process.ExitCode;

    /// <summary>Starts the bot with <paramref name="args"/>, talking to <paramref name="api"/> when one is given.</summary>
    public static ChildBot Start(BenchSettings settings, FakeBotApi? api, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(args);
        var bot = settings.Bot;
        if (!File.Exists(bot))
        {
            throw new FileNotFoundException($"Build the bot first (dotnet build -c {Paths.Configuration} Bot.sln)", bot);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(bot)!,
        };
        start.ArgumentList.Add(bot);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Knowledge__Path"] = settings.Responses;
        var storage = Directory.CreateTempSubdirectory("treatybot-bench-").FullName;
        start.Environment["Storage__Path"] = storage;
        if (settings.HeapLimitMiB is { } limit)
        {
            // The runtime reads this variable as hexadecimal bytes.
            start.Environment["DOTNET_GCHeapHardLimit"] = ((long)limit * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        }

        if (api is not null)
        {
            foreach (var (key, value) in settings.BotConfiguration(api))
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildBot(process, storage);
    }

    /// <summary>Runs the bot with <paramref name="args"/> to its exit; the wall time from start to exit.</summary>
    public static async Task<TimeSpan> TimeToExitAsync(BenchSettings settings, params string[] args)
    {
        var started = Stopwatch.GetTimestamp();
        using var child = Start(settings, null, args);
        await child.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return child.ExitCode == 0 ? elapsed : throw new InvalidOperationException($"TreatyBot {string.Join(' ', args)} exited with {child.ExitCode}");
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
    }

    /// <summary>
    /// Resident memory now (VmRSS) and at its highest so far (VmHWM), and of the resident now what is anonymous (heaps,
    /// JIT code, stacks) and what is mapped files (the runtime's and the bot's assemblies), in MiB, from /proc.
    /// </summary>
    public ResidentMemory Memory()
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        return new(Field(status, "VmRSS:"), Field(status, "VmHWM:"), Field(status, "RssAnon:"), Field(status, "RssFile:"));
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }

        process.Dispose();
        if (Directory.Exists(storage))
        {
            Directory.Delete(storage, recursive: true);
        }
    }

    private static double Field(string[] status, string name)
    {
        var line = status.First(l => l.StartsWith(name, StringComparison.Ordinal));
        var kilobytes = long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
