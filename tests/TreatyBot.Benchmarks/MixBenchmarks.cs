using BenchmarkDotNet.Attributes;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Benchmarks;

/// <summary>
/// The whole realistic mix per call, reported per question: the average cost of matching what users type, with the
/// allocations that feed the garbage collector. Not sealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class MixBenchmarks
{
    private readonly Matcher matcher = new(FactBaseLoader.Load(Paths.Responses));

    public MixBenchmarks()
    {
        if (Question.Mix.Count != Question.MixSize)
        {
            throw new InvalidOperationException($"Question.MixSize is {Question.MixSize}, the mix has {Question.Mix.Count} questions");
        }
    }

    [Benchmark(OperationsPerInvoke = Question.MixSize)]
    public int MatchTheMix()
    {
        var found = 0;
        foreach (var question in Question.Mix)
        {
            found += matcher.Match(question.Text).Top.Count;
        }

        return found;
    }
}
