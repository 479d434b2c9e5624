using BenchmarkDotNet.Configs;

namespace TreatyBot.Benchmarks;

/// <summary>Adds the P50, P95 and P99 of the measured iterations to the summary.</summary>
internal sealed class PercentileConfig : ManualConfig
{
    public PercentileConfig()
    {
        AddColumn(new PercentileColumn(50), new PercentileColumn(95), new PercentileColumn(99));
    }
}
