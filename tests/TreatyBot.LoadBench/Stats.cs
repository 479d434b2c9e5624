namespace TreatyBot.LoadBench;

/// <summary>The median of several runs and their range, the way the figures are reported.</summary>
public sealed record Spread(double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Spread(double.NaN, double.NaN, double.NaN);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }

    /// <summary>"412 (398–430)"; <paramref name="format"/> is a numeric format such as F0 or F2.</summary>
    public string Format(string format = "F0") =>
        Min == Max ? Median.ToString(format) : $"{Median.ToString(format)} ({Min.ToString(format)}–{Max.ToString(format)})";
}

public static class Stats
{
    /// <summary>The nearest-rank percentile <paramref name="percent"/> of <paramref name="values"/> (any order).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
