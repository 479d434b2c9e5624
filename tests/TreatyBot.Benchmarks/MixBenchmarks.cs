using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Benchmarks;

/// <summary>
/// The latency a user sees: each measurement is one question, taken in turn from the realistic mix, with no forced
/// garbage collection between them, so the percentiles include the collections that matching causes. Not sealed:
/// BenchmarkDotNet derives from benchmark classes.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class MixBenchmarks
{
    private readonly Matcher matcher = new(FactBaseLoader.Load(Paths.Responses));
    private int next;

    [Benchmark]
    public MatchResult MatchOneOfTheMix()
    {
        var question = Question.Mix[next];
        next = (next + 1) % Question.Mix.Count;
        return matcher.Match(question.Text);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithWarmupCount(Question.Mix.Count * 50)
                .WithIterationCount(Question.Mix.Count * 250)
                .WithGcForce(false));
            AddColumn(new PercentileColumn(50), new PercentileColumn(95), new PercentileColumn(99), StatisticColumn.Max);
        }
    }
}
