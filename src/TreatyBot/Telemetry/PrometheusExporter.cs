using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace TreatyBot.Telemetry;

/// <summary>
/// The bot's metrics in the Prometheus text exposition format (0.0.4), for <c>/metrics</c>. A small
/// <see cref="MeterListener"/> over <see cref="BotMetrics.Meter"/> only: OpenTelemetry's Prometheus exporter is still
/// prerelease, and counters, one histogram and a gauge need no more than this.
/// </summary>
internal sealed class PrometheusExporter : IHostedService, IDisposable
{
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly BotMetrics metrics;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, Point>> series = new();

    public PrometheusExporter(BotMetrics metrics)
    {
        this.metrics = metrics;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                series.TryAdd(instrument, new ConcurrentDictionary<string, Point>());
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => listener.Dispose();

    /// <summary>Every series of every instrument, as Prometheus scrapes it.</summary>
    public string Scrape()
    {
        listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, points) in series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
        {
            var kind = instrument switch
            {
                Counter<long> or Counter<int> or Counter<double> => "counter",
                Histogram<long> or Histogram<int> or Histogram<double> => "histogram",
                _ => "gauge",
            };
            var name = NameOf(instrument, kind);
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {instrument.Description}\n");
            text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} {kind}\n");
            foreach (var (labels, point) in points.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                point.Write(text, name, labels);
            }
        }

        return text.ToString();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!series.TryGetValue(instrument, out var points))
        {
            return;
        }

        var labels = Labels(tags);
        var point = points.GetOrAdd(labels, _ => instrument switch
        {
            Histogram<double> histogram => new Point(histogram.Advice?.HistogramBucketBoundaries?.ToArray() ?? DefaultBuckets),
            _ => new Point(null),
        });
        point.Add(value, replace: instrument is ObservableGauge<int> or ObservableGauge<long> or ObservableGauge<double>);
    }

    private static string NameOf(Instrument instrument, string kind)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        var unit = instrument.Unit == "s" ? "_seconds" : "";
        return name + unit + (kind == "counter" ? "_total" : "");
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            pairs.Add($"{key}=\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    /// <summary>One series: a running total (counter), a last value (gauge), or bucket counts, sum and count (histogram).</summary>
    private sealed class Point(double[]? buckets)
    {
        private readonly Lock gate = new();
        private readonly long[] counts = new long[(buckets?.Length ?? 0) + 1];
        private double sum;
        private long count;

        public void Add(double value, bool replace)
        {
            lock (gate)
            {
                sum = replace ? value : sum + value;
                count++;
                if (buckets is not null)
                {
                    var index = Array.FindIndex(buckets, bound => value <= bound);
                    counts[index < 0 ? buckets.Length : index]++;
                }
            }
        }

        public void Write(StringBuilder text, string name, string labels)
        {
            lock (gate)
            {
                if (buckets is null)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}{Braces(labels)} {Number(sum)}\n");
                    return;
                }

                var cumulative = 0L;
                var prefix = labels.Length == 0 ? "" : labels + ",";
                for (var i = 0; i <= buckets.Length; i++)
                {
                    cumulative += counts[i];
                    var bound = i < buckets.Length ? Number(buckets[i]) : "+Inf";
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{prefix}le=\"{bound}\"}} {cumulative}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"{name}_sum{Braces(labels)} {Number(sum)}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_count{Braces(labels)} {count}\n");
            }
        }

        private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
