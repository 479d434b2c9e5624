using System.Diagnostics;
using System.Runtime;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.LoadBench;

/// <summary>The same load through the same client, poller, dispatcher and fake, once answered by the bot and once echoed.</summary>
public sealed record EndToEndResult(BenchSettings Settings, IReadOnlyList<LoadResult> Treaty, IReadOnlyList<LoadResult> Echo)
{
    /// <summary>Treaty throughput over echo throughput, per pair of runs made one after the other.</summary>
    public IReadOnlyList<double> Ratios => [.. Treaty.Zip(Echo, (t, e) => e.PerSecond > 0 ? t.PerSecond / e.PerSecond : 0)];

    /// <summary>
    /// Echo CPU per question over treaty CPU per question, per pair: the same comparison by cost rather than by rate,
    /// steadier when other work on the machine slows one run of a pair.
    /// </summary>
    public IReadOnlyList<double> CpuRatios => [.. Treaty.Zip(Echo, (t, e) => t.CpuMsPerQuestion > 0 ? e.CpuMsPerQuestion / t.CpuMsPerQuestion : 0)];

    public bool EveryQuestionAnsweredOnce => Treaty.Concat(Echo).All(r => r.EveryQuestionAnsweredOnce);

    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"### End-to-end: {Settings.Questions} questions over {Settings.Chats} chats after a warm-up until the JIT settled, {Treaty.Count} runs each (median, range)");
        output.WriteLine();
        output.WriteLine("| handler | answered/s | p50 latency, ms | p99 latency, ms | CPU ms per question (whole process) | KB allocated per question | warm-up questions | every question answered once |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        Row(output, "treaty (the bot)", Treaty);
        Row(output, "echo", Echo);
        output.WriteLine();
        output.WriteLine($"Treaty/echo throughput ratio: {Spread.Of(Ratios).Format("F2")} (target ≥ 0.8); by CPU per question: {Spread.Of(CpuRatios).Format("F2")}.");
        output.WriteLine();
    }

    private static void Row(TextWriter output, string name, IReadOnlyList<LoadResult> runs) =>
        output.WriteLine(
            $"| {name} | {Spread.Of(runs.Select(r => r.PerSecond)).Format()} | {Spread.Of(runs.Select(r => r.P50Ms)).Format("F1")} " +
            $"| {Spread.Of(runs.Select(r => r.P99Ms)).Format("F1")} | {Spread.Of(runs.Select(r => r.CpuMsPerQuestion)).Format("F2")} " +
            $"| {Spread.Of(runs.Select(r => r.KbAllocatedPerQuestion)).Format()} | {string.Join(", ", runs.Select(r => r.Warmup))} " +
            $"| {(runs.All(r => r.EveryQuestionAnsweredOnce) ? "yes" : Problems(runs))} |");

    private static string Problems(IReadOnlyList<LoadResult> runs) =>
        string.Join("; ", runs.Where(r => !r.EveryQuestionAnsweredOnce)
            .Select(r => $"{r.Answered}/{r.Questions} answered, {r.Duplicates} duplicate, {r.Rejected} rejected"));
}

public static class EndToEnd
{
    /// <summary>
    /// <c>Runs</c> pairs of runs, treaty and echo in alternating order so that drift (CPU clocks, the GC settling) falls
    /// on both alike. Every run has a fresh fake and a fresh host, warmed up before it is measured.
    /// </summary>
    public static async Task<EndToEndResult> RunAsync(BenchSettings settings, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var treaty = new List<LoadResult>();
        var echo = new List<LoadResult>();
        for (var run = 0; run < settings.Runs; run++)
        {
            HandlerKind[] order = run % 2 == 0 ? [HandlerKind.Treaty, HandlerKind.Echo] : [HandlerKind.Echo, HandlerKind.Treaty];
            foreach (var kind in order)
            {
                var result = await RunOnceAsync(settings, kind);
                (kind == HandlerKind.Treaty ? treaty : echo).Add(result);
                progress?.WriteLine($"  e2e run {run + 1} {kind,-6}: {result.PerSecond,7:F0}/s  p50 {result.P50Ms,6:F1} ms  p99 {result.P99Ms,6:F1} ms  CPU {result.CpuMsPerQuestion:F2} ms/q  {result.KbAllocatedPerQuestion:F0} KB/q  {result.Gen0Collections} GCs  {(double)result.Messages / result.Questions:F2} msg/q  answered {result.Answered}/{result.Questions}  after {result.Warmup} warm-up");
            }
        }

        return new EndToEndResult(settings, treaty, echo);
    }

    /// <summary>
    /// Asks warm-up questions in batches of <see cref="BenchSettings.Warmup"/> until the JIT has settled: two batches
    /// in a row in which it compiled at most <see cref="BenchSettings.QuietMethods"/> methods. Tiered compilation
    /// recompiles hot code in the background (quick code first, then instrumented, then optimised), and with every core
    /// kept busy by the load that takes tens of seconds; measured before, the figures would be those of a bot a few
    /// seconds old rather than one that has run for hours. Returns the warm-up questions asked.
    /// </summary>
    private static async Task<Warmup> WarmUpAsync(FakeBotApi api, BenchSettings settings)
    {
        var asked = 0;
        var quiet = 0;
        var started = Stopwatch.GetTimestamp();
        while (settings.Warmup > 0 && quiet < 2)
        {
            if (Stopwatch.GetElapsedTime(started) > settings.WarmupLimit)
            {
                return new Warmup(asked, Settled: false);
            }

            var compiled = JitInfo.GetCompiledMethodCount();
            await LoadDriver.RunAsync(api, settings.Warmup, settings.Chats, settings.Timeout);
            asked += settings.Warmup;
            quiet = JitInfo.GetCompiledMethodCount() - compiled <= settings.QuietMethods ? quiet + 1 : 0;
        }

        return new Warmup(asked, Settled: true);
    }

    public static async Task<LoadResult> RunOnceAsync(BenchSettings settings, HandlerKind kind)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var api = await FakeBotApi.StartAsync();
        var host = await InProcessBot.StartAsync(api, settings, kind);
        try
        {
            var warmup = await WarmUpAsync(api, settings);
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var collections = GC.CollectionCount(0);
            var result = await LoadDriver.RunAsync(api, settings.Questions, settings.Chats, settings.Timeout);
            self.Refresh();
            return result with
            {
                Warmup = warmup,
                CpuMsPerQuestion = (self.TotalProcessorTime - cpu).TotalMilliseconds / settings.Questions,
                KbAllocatedPerQuestion = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / settings.Questions,
                Gen0Collections = GC.CollectionCount(0) - collections,
            };
        }
        finally
        {
            await InProcessBot.StopAsync(host);
        }
    }
}
