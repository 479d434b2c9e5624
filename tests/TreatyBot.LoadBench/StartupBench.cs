using System.Diagnostics;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.LoadBench;

/// <summary>Start-up of the built bot: to its first getUpdates, and <c>ask</c> of one question against <c>--version</c>.</summary>
public sealed record StartupResult(IReadOnlyList<double> ToFirstPollMs, IReadOnlyList<double> VersionMs, IReadOnlyList<double> AskMs)
{
    public const string AskQuestion = "Когда подписан Пекинский договор?";

    /// <summary>ask over --version, per pair of runs made one after the other.</summary>
    public IReadOnlyList<double> Ratios => [.. AskMs.Zip(VersionMs, (a, v) => a / v)];

    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"### Start-up ({ToFirstPollMs.Count} runs each after one unmeasured; median, range)");
        output.WriteLine();
        output.WriteLine("| what | ms |");
        output.WriteLine("|---|---|");
        output.WriteLine($"| process start → first getUpdates at the fake | {Spread.Of(ToFirstPollMs).Format()} |");
        output.WriteLine($"| `TreatyBot --version` (start to exit) | {Spread.Of(VersionMs).Format()} |");
        output.WriteLine($"| `TreatyBot ask \"{AskQuestion}\"` (start to exit) | {Spread.Of(AskMs).Format()} |");
        output.WriteLine();
        output.WriteLine($"ask/--version: {Spread.Of(Ratios).Format("F2")} (target ≤ 1.5).");
        output.WriteLine();
    }
}

public static class StartupBench
{
    public static async Task<StartupResult> RunAsync(BenchSettings settings, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var poll = new List<double>();
        var version = new List<double>();
        var ask = new List<double>();

        // One unmeasured round first: it brings the files into the page cache, as on a server that has run the bot before.
        for (var run = 0; run <= settings.Runs; run++)
        {
            var toPoll = await TimeToFirstPollAsync(settings);
            var versionTime = await ChildBot.TimeToExitAsync(settings, "--version");
            var askTime = await ChildBot.TimeToExitAsync(settings, "ask", StartupResult.AskQuestion);
            if (run == 0)
            {
                continue;
            }

            poll.Add(toPoll.TotalMilliseconds);
            version.Add(versionTime.TotalMilliseconds);
            ask.Add(askTime.TotalMilliseconds);
            progress?.WriteLine($"  start-up run {run}: first getUpdates {toPoll.TotalMilliseconds:F0} ms, --version {versionTime.TotalMilliseconds:F0} ms, ask {askTime.TotalMilliseconds:F0} ms");
        }

        return new StartupResult(poll, version, ask);
    }

    /// <summary>From just before the process is started to the moment its first getUpdates arrives at the fake.</summary>
    private static async Task<TimeSpan> TimeToFirstPollAsync(BenchSettings settings)
    {
        await using var api = await FakeBotApi.StartAsync();
        var firstPoll = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        api.Recorded += call =>
        {
            if (call.Method == "getUpdates")
            {
                firstPoll.TrySetResult(Stopwatch.GetTimestamp());
            }
        };

        var started = Stopwatch.GetTimestamp();
        using var child = ChildBot.Start(settings, api, "run");
        var polled = await firstPoll.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return Stopwatch.GetElapsedTime(started, polled);
    }
}
