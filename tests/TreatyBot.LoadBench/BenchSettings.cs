using System.Globalization;
using TreatyBot.Tests.Fakes;

namespace TreatyBot.LoadBench;

/// <summary>The sizes of a benchmark run; the defaults are the documented ones (docs/benchmarks.md).</summary>
public sealed record BenchSettings
{
    /// <summary>Questions per measured end-to-end run.</summary>
    public int Questions { get; init; } = 10000;

    /// <summary>Chats asking at the same time.</summary>
    public int Chats { get; init; } = 50;

    /// <summary>
    /// Unmeasured questions per warm-up batch; batches go on until the JIT has settled (<see cref="QuietMethods"/>), at
    /// most for <see cref="WarmupLimit"/>. 0: no warm-up.
    /// </summary>
    public int Warmup { get; init; } = 2000;

    /// <summary>A warm-up batch in which the JIT compiled at most this many methods counts as quiet; two in a row end it.</summary>
    public int QuietMethods { get; init; } = 5;

    /// <summary>The longest warm-up of one run.</summary>
    public TimeSpan WarmupLimit { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Measured runs of each kind; the report gives their median and range.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>The longest one load run may take before it is reported as unfinished.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The bot the start-up and memory runs start as a child process: its build output by default, or a published
    /// TreatyBot.dll (<c>--bot</c>), such as the ReadyToRun build the Dockerfile makes.
    /// </summary>
    public string Bot { get; init; } = Paths.BotAssembly;

    /// <summary>
    /// A GC heap cap for the child bot only (<c>--heap-limit-mib</c>), in place of its runtimeconfig's: a run that
    /// answers every question under half the default cap shows the default has twice the headroom it needs.
    /// </summary>
    public int? HeapLimitMiB { get; init; }

    /// <summary>The fact base the bot answers from.</summary>
    public string Responses { get; init; } = Paths.Responses;

    /// <summary>Reads <c>--questions N --chats M --warmup W --runs R --bot PATH --heap-limit-mib H</c>.</summary>
    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new BenchSettings();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--bot" && i + 1 < args.Count)
            {
                settings = settings with { Bot = Path.GetFullPath(args[i + 1]) };
                continue;
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new ArgumentException($"{args[i]} needs a whole number after it");
            }

            settings = args[i] switch
            {
                "--questions" when value > 0 => settings with { Questions = value },
                "--chats" when value > 0 => settings with { Chats = value },
                "--warmup" => settings with { Warmup = value },
                "--runs" when value > 0 => settings with { Runs = value },
                "--heap-limit-mib" when value > 0 => settings with { HeapLimitMiB = value },
                _ => throw new ArgumentException($"unknown option or bad value: {args[i]} {args[i + 1]}"),
            };
        }

        return settings;
    }

    /// <summary>
    /// The bot's configuration for a benchmark: the fake Bot API, and the outgoing rate limits and flood control lifted
    /// (they exist to keep to Telegram's limits, which are what is being compared against).
    /// </summary>
    public Dictionary<string, string?> BotConfiguration(FakeBotApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return new()
        {
            ["Bot:Token"] = api.Token,
            ["Bot:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Bot:PollTimeoutSeconds"] = "2",
            ["Knowledge:Path"] = Responses,
            ["Delivery:RateLimitsEnabled"] = "false",
            ["Flood:MaxQuestions"] = "10000",
            ["Flood:Window"] = "00:00:01",
        };
    }
}
