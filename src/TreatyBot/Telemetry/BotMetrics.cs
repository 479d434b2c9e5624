using System.Diagnostics.Metrics;
using System.Text.Json;
using Telegram.Bot.Types.Enums;
using TreatyBot.Knowledge.Answers;
using TreatyBot.KnowledgeBase;
using TreatyBot.Storage;

namespace TreatyBot.Telemetry;

/// <summary>
/// The bot's instruments, on the meter <see cref="MeterName"/> (System.Diagnostics.Metrics): any OpenTelemetry SDK or
/// <c>dotnet-counters</c> can listen to it, and <c>/metrics</c> serves it in Prometheus text format. Tags carry no
/// chat, user or text: only update types, fact ids, Bot API method names and fixed reasons.
/// </summary>
internal sealed class BotMetrics
{
    public const string MeterName = "TreatyBot";

    private readonly TimeProvider time;
    private readonly Counter<long> received;
    private readonly Counter<long> duplicates;
    private readonly Counter<long> answers;
    private readonly Counter<long> abstentions;
    private readonly Histogram<double> latency;
    private readonly Counter<long> throttled;
    private readonly Counter<long> sendFailures;
    private readonly Counter<long> webhookRejected;
    private readonly Counter<long> inlineQueries;
    private readonly Counter<long> redisFallbacks;

    // redis: the shared store's connection when Storage:Provider is redis (its gauge is added then).
    public BotMetrics(IMeterFactory meters, KnowledgeStore knowledge, TimeProvider time, RedisConnection? redis = null)
    {
        this.time = time;
        Meter = meters.Create(MeterName);
        received = Meter.CreateCounter<long>("treatybot.updates.received", "{update}", "New updates received from Telegram and accepted for handling, by type");
        duplicates = Meter.CreateCounter<long>("treatybot.updates.duplicates", "{update}", "Updates received again and skipped, by type and state (handled, in_hand, other_replica)");
        answers = Meter.CreateCounter<long>("treatybot.answers", "{answer}", "Answers given, by fact");
        abstentions = Meter.CreateCounter<long>("treatybot.abstentions", "{answer}", "Questions answered without a fact, by kind (candidates, small talk, out of scope…)");
        latency = Meter.CreateHistogram<double>(
            "treatybot.reply.duration",
            "s",
            "From receiving an update to finishing it (answer sent), by update type",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        throttled = Meter.CreateCounter<long>("treatybot.telegram.throttled", "{response}", "429 Too Many Requests from the Bot API, by method");
        sendFailures = Meter.CreateCounter<long>("treatybot.sends.failed", "{call}", "Calls to Telegram given up (blocked, bad request, retries spent), by reason");
        webhookRejected = Meter.CreateCounter<long>("treatybot.webhook.rejected", "{request}", "Webhook requests refused, by reason");
        inlineQueries = Meter.CreateCounter<long>("treatybot.inline.queries", "{query}", "Inline queries answered, by outcome (results, featured for an empty query, none)");
        Meter.CreateObservableGauge("treatybot.facts", () => knowledge.Facts.Facts.Count, "{fact}", "Facts in service");
        redisFallbacks = Meter.CreateCounter<long>("treatybot.redis.fallbacks", "{operation}", "Operations done from memory because Redis was unavailable, by feature (update_claims, flood, send_limits)");
        if (redis is not null)
        {
            Meter.CreateObservableGauge("treatybot.redis.available", () => redis.IsAvailable ? 1 : 0, "{bool}", "1 while Redis answers (state shared with the other replicas), 0 while the bot answers from memory");
        }
    }

    /// <summary>This host's meter (each host has its own, so tests running side by side do not mix).</summary>
    public Meter Meter { get; }

    /// <summary>A new update, accepted for handling.</summary>
    public void UpdateReceived(UpdateType type) => received.Add(1, new KeyValuePair<string, object?>("type", Name(type)));

    /// <summary>
    /// An update skipped because it was handled already (a redelivery) or is still in hand (a poll before its
    /// confirmation returns it again; a webhook retry).
    /// </summary>
    public void Duplicate(UpdateType type, bool alreadyHandled) =>
        duplicates.Add(1, new KeyValuePair<string, object?>("type", Name(type)), new KeyValuePair<string, object?>("state", alreadyHandled ? "handled" : "in_hand"));

    /// <summary>An update skipped because another replica claimed it first (Telegram delivered it to both, or again).</summary>
    public void DuplicateElsewhere(UpdateType type) =>
        duplicates.Add(1, new KeyValuePair<string, object?>("type", Name(type)), new KeyValuePair<string, object?>("state", "other_replica"));

    /// <summary>Something meant for Redis done from this process's memory instead (<paramref name="feature"/>: a fixed word).</summary>
    public void RedisFallback(string feature) => redisFallbacks.Add(1, new KeyValuePair<string, object?>("feature", feature));

    public void Answered(Answer answer)
    {
        if (answer.Fact is { } fact)
        {
            answers.Add(1, new KeyValuePair<string, object?>("fact", fact.Id));
        }
        else
        {
            abstentions.Add(1, new KeyValuePair<string, object?>("kind", JsonNamingPolicy.SnakeCaseLower.ConvertName(answer.Kind.ToString())));
        }
    }

    /// <summary>An inline query answered with <paramref name="results"/> facts (<paramref name="featured"/>: the key facts of an empty query).</summary>
    public void InlineAnswered(int results, bool featured) =>
        inlineQueries.Add(1, new KeyValuePair<string, object?>("outcome", featured ? "featured" : results > 0 ? "results" : "none"));

    /// <summary>A timestamp to pass to <see cref="UpdateFinished"/>.</summary>
    public long Start() => time.GetTimestamp();

    public void UpdateFinished(UpdateType type, long startedAt) =>
        latency.Record(time.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("type", Name(type)));

    public void Throttled(string method) => throttled.Add(1, new KeyValuePair<string, object?>("method", method));

    public void SendFailed(string reason) => sendFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void WebhookRejected(string reason) => webhookRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private static string Name(UpdateType type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());
}
