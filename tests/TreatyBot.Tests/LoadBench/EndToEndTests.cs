using TreatyBot.Benchmarks;
using TreatyBot.LoadBench;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.Tests.LoadBench;

/// <summary>
/// The load harness itself, run in-process with a tiny load: it must count right and report numbers. No timing is
/// asserted; the figures are in docs/benchmarks.md.
/// </summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task RunAsync_TinyLoad_EveryQuestionAnsweredOnceByBothHandlersAndReportHasNumbers()
    {
        var settings = new BenchSettings { Questions = 20, Chats = 4, Warmup = 0, Runs = 1, Responses = TestPaths.Responses, Timeout = TimeSpan.FromSeconds(60) };

        var result = await EndToEnd.RunAsync(settings);

        foreach (var run in result.Treaty.Concat(result.Echo))
        {
            Assert.Equal(20, run.Answered);
            Assert.Equal(0, run.Duplicates);
            Assert.Equal(0, run.Rejected);
            Assert.Equal(20, run.LatenciesMs.Count);
            Assert.All(run.LatenciesMs, ms => Assert.True(ms > 0));
            Assert.True(run.PerSecond > 0);
        }

        Assert.True(result.EveryQuestionAnsweredOnce);
        Assert.Single(result.Ratios);
        using var report = new StringWriter();
        result.Write(report);
        Assert.Matches(@"\| treaty \(the bot\) \| \d+ \| \d+\.\d \| \d+\.\d \| \d+\.\d\d \| \d+ \| 0 \| yes \|", report.ToString());
        Assert.Matches(@"\| echo \| \d+ \| \d+\.\d \| \d+\.\d \| \d+\.\d\d \| \d+ \| 0 \| yes \|", report.ToString());
        Assert.Matches(@"Treaty/echo throughput ratio: \d+\.\d\d \(target ≥ 0\.8\); by CPU per question: \d+\.\d\d\.", report.ToString());
        Assert.All(result.CpuRatios, ratio => Assert.True(ratio > 0));
    }

    [Fact]
    public async Task RunOnceAsync_WarmsUpUntilTwoQuietBatches_OrUntilTheLimit()
    {
        var settings = new BenchSettings { Questions = 4, Chats = 2, Warmup = 3, QuietMethods = int.MaxValue, Responses = TestPaths.Responses, Timeout = TimeSpan.FromSeconds(60) };

        var settled = await EndToEnd.RunOnceAsync(settings, HandlerKind.Echo);
        var cut = await EndToEnd.RunOnceAsync(settings with { QuietMethods = -1, WarmupLimit = TimeSpan.Zero }, HandlerKind.Echo);

        Assert.Equal(new Warmup(6, Settled: true), settled.Warmup);
        Assert.Equal(new Warmup(0, Settled: false), cut.Warmup);
        Assert.True(settled.EveryQuestionAnsweredOnce && cut.EveryQuestionAnsweredOnce);
        Assert.Equal("0 (JIT still compiling)", cut.Warmup.ToString());
    }

    [Fact]
    public async Task Echo_TinyLoad_RepliesWithTheQuestionTextAsAReplyToIt()
    {
        var settings = new BenchSettings { Responses = TestPaths.Responses };
        await using var api = await FakeBotApi.StartAsync();
        var host = await InProcessBot.StartAsync(api, settings, HandlerKind.Echo);
        api.KeepCalls = true; // the harness turns keeping off; this test reads the replies back
        try
        {
            var load = await LoadDriver.RunAsync(api, 6, 2, TimeSpan.FromSeconds(30));

            Assert.True(load.EveryQuestionAnsweredOnce);
            var replies = api.Delivered().ToList();
            Assert.Equal(6, replies.Count);
            Assert.All(replies, reply => Assert.Contains(Question.Mix, q => q.Text == reply.Text));
            Assert.Equal(6, replies.Select(r => r.Body["reply_parameters"]?["message_id"]?.GetValue<int>()).Distinct().Count());
        }
        finally
        {
            await InProcessBot.StopAsync(host);
        }
    }

    [Fact]
    public void Parse_HeapLimit_IsForTheChildBotAndMustBeAWholeNumber()
    {
        Assert.Equal(32, BenchSettings.Parse(["--heap-limit-mib", "32"]).HeapLimitMiB);
        Assert.Null(BenchSettings.Parse([]).HeapLimitMiB);
        Assert.Throws<ArgumentException>(() => BenchSettings.Parse(["--heap-limit-mib", "32M"]));
    }
}
