using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TreatyBot.Tests.Fakes;

/// <summary>How a test ends a running bot.</summary>
public enum Ending
{
    /// <summary>Process.Kill: SIGKILL, no shutdown code runs at all.</summary>
    Kill,

    /// <summary>SIGTERM, as docker stop, systemctl stop and Kubernetes send: the bot finishes and closes its store.</summary>
    Term,
}

/// <summary>The built bot as a long-running process with the given environment, its output kept for failure messages.</summary>
public sealed class RunningBot : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private RunningBot(Process process)
    {
        this.process = process;
    }

    public int ExitCode => process.ExitCode;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the bot wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="workingDirectory">Where it runs (its relative paths, such as the default store folder, start there).</param>
    public static RunningBot Start(IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(TestPaths.BotAssembly);
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var bot = new RunningBot(Process.Start(start)!);
        bot.process.OutputDataReceived += bot.Append;
        bot.process.ErrorDataReceived += bot.Append;
        bot.process.BeginOutputReadLine();
        bot.process.BeginErrorReadLine();
        return bot;
    }

    public async Task StopAsync(Ending ending)
    {
        if (process.HasExited)
        {
            return;
        }

        if (ending == Ending.Kill)
        {
            process.Kill(entireProcessTree: true);
        }
        else
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    private void Append(object sender, DataReceivedEventArgs line)
    {
        lock (log)
        {
            log.AppendLine(line.Data);
        }
    }
}
