using System.Diagnostics;

namespace TreatyBot.Tests.Fakes;

/// <summary>Runs the built bot as its own process, as a user would start it, with the given environment.</summary>
public static class BotProcess
{
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="runAs">A command and its arguments that run <c>dotnet</c> (e.g. <c>setpriv</c> as another user); none: dotnet itself.</param>
    /// <param name="workingDirectory">Where it runs; the repository's root if null.</param>
    /// <param name="arguments">The bot's command line (e.g. <c>review</c>); none: it runs as the bot.</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<string>? runAs = null,
        string? workingDirectory = null,
        IReadOnlyList<string>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(runAs is [var command, ..] ? command : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        foreach (var argument in (string[])[.. runAs?.Skip(1) ?? [], .. runAs is null ? [] : (string[])["dotnet"], "exec", TestPaths.BotAssembly, .. arguments ?? []])
        {
            start.ArgumentList.Add(argument);
        }

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

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The non-empty lines of a stream's text.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
