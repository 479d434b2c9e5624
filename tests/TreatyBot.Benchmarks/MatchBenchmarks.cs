using BenchmarkDotNet.Attributes;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Benchmarks;

/// <summary>
/// Matching each question of the mix on its own: time per question (mean and the P50/P95/P99 of the measured
/// iterations) and allocations. Not sealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class MatchBenchmarks
{
    private readonly Matcher matcher = new(FactBaseLoader.Load(Paths.Responses));

    public static IEnumerable<Question> Questions => Question.Mix;

    [Benchmark]
    [ArgumentsSource(nameof(Questions))]
    public MatchResult Match(Question question) => matcher.Match(question.Text);
}
