using System.Diagnostics;
using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.Deploy;

/// <summary>
/// The ReadyToRun publish that the Dockerfile and the systemd steps use is one command, and the bot it makes starts
/// and answers against the fake Bot API, as it would in the image or under systemd.
/// </summary>
public sealed partial class PublishedBotTests
{
    [Fact]
    public void PublishCommand_DockerfileAndSystemdSteps_AreTheSame()
    {
        var docker = Options(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "Dockerfile")).Replace("$RID", "linux-x64", StringComparison.Ordinal));
        var systemd = Options(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "README.md")));

        Assert.Equal(docker, systemd);
        Assert.Contains("-p:PublishReadyToRun=true", docker);
    }

    [Fact]
    public async Task PublishedReadyToRunBot_Starts_AndAnswersAQuestion()
    {
        using var folder = TemporaryFolder.Create("publish-");
        var output = folder.Path;

        // The children's temporary files go to a folder of the test's own (the SDK leaves two empty folders in the
        // temporary folder on every command), deleted with it.
        using var scratch = TemporaryFolder.Create("publish-tmp-");
        var (exitCode, log) = await RunAsync("dotnet", ["publish", Path.Combine(TestPaths.RepoRoot, "src", "TreatyBot"), .. Options(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "README.md"))), "-o", output], scratch.Path, TimeSpan.FromMinutes(8));
        Assert.True(exitCode == 0, log);
        Assert.True(IsReadyToRun(Path.Combine(output, "TreatyBot.Knowledge.dll")), "TreatyBot.Knowledge.dll has no ReadyToRun code");
        Assert.True(File.Exists(Path.Combine(output, "responses", "lexicon.yaml")), "the fact base is not beside the published bot");
        Assert.True(File.Exists(Path.Combine(output, "libe_sqlite3.so")), "SQLite's native library for linux-x64 is not beside the published bot");

        await using var api = await FakeBotApi.StartAsync();
        using var bot = Start(output, api, scratch.Path);
        try
        {
            api.EnqueueText(userId: 5, "Когда подписан Пекинский договор?");
            var sent = await api.WaitForAsync("sendMessage", 1, TimeSpan.FromSeconds(60));
            Assert.Contains("20 января 1925", sent[0].Text, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output, "data", "treatybot.db")), "the published bot made no store in ./data");

            // Time zones by IANA name under invariant globalization: read from the system's tz database (tzdata).
            api.EnqueueText(userId: 5, "/subscribe 09:00 Asia/Tokyo");
            var subscribed = await api.WaitForAsync("sendMessage", 2, TimeSpan.FromSeconds(60));
            Assert.StartsWith("Подписка оформлена", subscribed[1].Text, StringComparison.Ordinal);
            Assert.Contains("(Asia/Tokyo)", subscribed[1].Text, StringComparison.Ordinal);

            // Stopped the way systemd and Kubernetes stop it: SIGTERM, and it exits by itself with 0. (A killed process
            // also leaves its diagnostics socket behind in /tmp.)
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", bot.Id.ToString(CultureInfo.InvariantCulture) } })!;
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await bot.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, bot.ExitCode);
        }
        finally
        {
            if (!bot.HasExited)
            {
                bot.Kill(entireProcessTree: true);
                await bot.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>The options of the first <c>dotnet publish … -p:PublishReadyToRun=true</c> line, without the project and the output folder.</summary>
    private static List<string> Options(string text)
    {
        var line = PublishLine().Match(text);
        Assert.True(line.Success, "no dotnet publish line");
        var words = line.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var options = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "-o" or "--output")
            {
                i++;
            }
            else if (words[i] is "&&")
            {
                break;
            }
            else if (words[i].StartsWith('-') && words[i] != "--no-restore")
            {
                options.Add(words[i]);
                if (!words[i].StartsWith("-p:", StringComparison.Ordinal) && i + 1 < words.Count && !words[i + 1].StartsWith('-'))
                {
                    options.Add(words[++i]);
                }
            }
        }

        return options;
    }

    private static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static Process Start(string folder, FakeBotApi api, string temporary)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TMPDIR"] = temporary;
        start.ArgumentList.Add(Path.Combine(folder, "TreatyBot.dll"));
        start.Environment["Bot__Token"] = api.Token;
        start.Environment["Bot__ApiBaseUrl"] = api.BaseUrl.ToString();
        start.Environment["Bot__PollTimeoutSeconds"] = "1";
        start.Environment.Remove("Knowledge__Path");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string file, IEnumerable<string> arguments, string temporary, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot };
        start.Environment["TMPDIR"] = temporary;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"dotnet publish \S+ (.*-p:PublishReadyToRun=true.*)")]
    private static partial Regex PublishLine();
}
