using System.Globalization;
using System.Text.RegularExpressions;

namespace TreatyBot.Tests.Telemetry;

/// <summary>Reads what the bot serves at <c>/metrics</c> (Prometheus text format), one sample per line.</summary>
internal static partial class PrometheusText
{
    /// <summary>The value of the series <paramref name="name"/>{<paramref name="labels"/>}; 0 when absent.</summary>
    public static double Value(string metrics, string name, string labels) =>
        Samples(metrics).Where(s => s.Name == name && s.Labels == labels).Select(s => s.Value).FirstOrDefault();

    /// <summary>The sum of every series of <paramref name="name"/>, whatever its labels; 0 when absent.</summary>
    public static double Sum(string metrics, string name) =>
        Samples(metrics).Where(s => s.Name == name).Sum(s => s.Value);

    private static IEnumerable<(string Name, string Labels, double Value)> Samples(string metrics) =>
        metrics.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups["name"].Value, m.Groups["labels"].Value, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)$")]
    private static partial Regex Sample();
}
