using BenchmarkDotNet.Attributes;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Benchmarks;

/// <summary>
/// Matching one question of each kind: mean time and allocations per question (BenchmarkDotNet's usual statistics over
/// many calls). Not sealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class MatchBenchmarks
{
    private readonly Matcher matcher = new(FactBaseLoader.Load(Paths.Responses));

    public static IEnumerable<Question> Questions => Question.Mix;

    [Benchmark]
    [ArgumentsSource(nameof(Questions))]
    public MatchResult Match(Question question) => matcher.Match(question.Text);
}
