using BenchmarkDotNet.Attributes;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Benchmarks;

/// <summary>
/// What <c>ask</c> does in the process before it can answer, with the classifier's cache warm as on every start after the
/// first: the fact base read and checked, the classifier read from its cache, the matcher built, one question answered
/// with the gate. Not sealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class StartBenchmarks
{
    private readonly string cache = Path.Combine(Path.GetTempPath(), "treatybot-start-benchmark");

    [GlobalSetup]
    public void Setup() => _ = Start();

    [Benchmark]
    public AnswerKind Start()
    {
        var answerer = new Answerer(new Matcher(FactBaseLoader.Load(Paths.Responses, cache)), gated: true);
        return answerer.Ask("Когда подписали Пекинский договор?").Kind;
    }
}
