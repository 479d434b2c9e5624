using BenchmarkDotNet.Attributes;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Benchmarks;

/// <summary>
/// The whole mix per call, answered (<see cref="Answerer.Ask"/>: matching, the rules, and with <see cref="Gated"/>
/// the learned gate's last look, decision 014), reported per question: what the gate adds to an answer. Not sealed:
/// BenchmarkDotNet derives from benchmark classes.
/// </summary>
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class AskBenchmarks
{
    private readonly Matcher matcher = new(FactBaseLoader.Load(Paths.Responses));
    private Answerer answerer = null!;

    [Params(false, true)]
    public bool Gated { get; set; }

    [GlobalSetup]
    public void Setup() => answerer = new Answerer(matcher, Gated);

    [Benchmark(OperationsPerInvoke = Question.MixSize)]
    public int AskTheMix()
    {
        var answered = 0;
        foreach (var question in Question.Mix)
        {
            answered += answerer.Ask(question.Text).Kind == AnswerKind.Fact ? 1 : 0;
        }

        return answered;
    }
}
