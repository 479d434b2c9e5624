using TreatyBot.Tests.Fakes;

namespace TreatyBot.LoadBench;

/// <summary>Resident memory of the built bot as a process of its own: idle after start, and after the end-to-end load.</summary>
public sealed record MemoryResult(BenchSettings Settings, IReadOnlyList<ResidentMemory> AfterStart, IReadOnlyList<ResidentMemory> AfterLoad, IReadOnlyList<LoadResult> Loads)
{
    public const double TargetMiB = 120;

    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"### Memory of the bot process ({AfterStart.Count} runs; median, range; MiB)");
        output.WriteLine();
        output.WriteLine("| when | resident (VmRSS) | of which anonymous (heaps, JIT code) | of which mapped files (assemblies) |");
        output.WriteLine("|---|---|---|---|");
        Row(output, "2 s after the first getUpdates", AfterStart);
        Row(output, $"after {Settings.Warmup + Settings.Questions} questions over {Settings.Chats} chats", AfterLoad);
        output.WriteLine($"| peak during the run (VmHWM) | {Spread.Of(AfterLoad.Select(m => m.Peak)).Format("F1")} | | |");
        output.WriteLine();
        output.WriteLine($"Target ≤ {TargetMiB:F0} MB. The same process, with its console logging on, answered " +
            $"{Spread.Of(Loads.Select(l => l.PerSecond)).Format()} questions/s (p50 {Spread.Of(Loads.Select(l => l.P50Ms)).Format("F1")} ms, " +
            $"p99 {Spread.Of(Loads.Select(l => l.P99Ms)).Format("F1")} ms).");
        output.WriteLine();
    }

    private static void Row(TextWriter output, string when, IReadOnlyList<ResidentMemory> memory) =>
        output.WriteLine($"| {when} | {Spread.Of(memory.Select(m => m.Resident)).Format("F1")} | {Spread.Of(memory.Select(m => m.Anonymous)).Format("F1")} | {Spread.Of(memory.Select(m => m.Files)).Format("F1")} |");
}

public static class MemoryBench
{
    public static async Task<MemoryResult> RunAsync(BenchSettings settings, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var runs = Math.Min(settings.Runs, 3);
        List<ResidentMemory> start = [], after = [];
        var loads = new List<LoadResult>();
        for (var run = 1; run <= runs; run++)
        {
            await using var api = await FakeBotApi.StartAsync();
            using var child = ChildBot.Start(settings, api, "run");
            await api.WaitForAsync("getUpdates", 1, TimeSpan.FromSeconds(60));
            api.KeepCalls = false;
            await Task.Delay(TimeSpan.FromSeconds(2));
            start.Add(child.Memory());

            if (settings.Warmup > 0)
            {
                await LoadDriver.RunAsync(api, settings.Warmup, settings.Chats, settings.Timeout);
            }

            var load = await LoadDriver.RunAsync(api, settings.Questions, settings.Chats, settings.Timeout);
            loads.Add(load);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var memory = child.Memory();
            after.Add(memory);
            progress?.WriteLine($"  memory run {run}: {start[^1].Resident:F1} MiB after start, {memory.Resident:F1} MiB after load " +
                $"(anonymous {memory.Anonymous:F1}, files {memory.Files:F1}, peak {memory.Peak:F1}); {load.PerSecond:F0}/s, {load.Answered}/{load.Questions} answered");
        }

        return new MemoryResult(settings, start, after, loads);
    }
}
