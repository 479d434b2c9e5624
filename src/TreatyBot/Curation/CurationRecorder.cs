using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Storage;
using TreatyBot.Telemetry;

namespace TreatyBot.Curation;

/// <summary>
/// Decides, as a question is answered, whether it goes to the curation log (no answer, "did you mean", a partial answer,
/// a fact answered with a low margin) and queues it for <see cref="CurationWriter"/>. On the reply path, so it only
/// decides and queues: a full queue drops the question and counts it (<c>treatybot.curation.dropped</c>), never waits.
/// What is queued carries the question's text, language, outcome, best facts and day: no user, chat or message id.
/// </summary>
internal sealed class CurationRecorder
{
    /// <summary>The best facts kept with a question.</summary>
    public const int MaxTop = 3;

    private readonly Channel<LoggedQuestion> queue;
    private readonly CurationOptions options;
    private readonly TimeProvider time;
    private readonly Counter<long> dropped;

    public CurationRecorder(IOptions<CurationOptions> options, TimeProvider time, BotMetrics metrics)
    {
        this.options = options.Value;
        this.time = time;
        queue = Channel.CreateBounded<LoggedQuestion>(new BoundedChannelOptions(this.options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        dropped = metrics.Meter.CreateCounter<long>(
            "treatybot.curation.dropped", "{question}", "Questions not written to the curation log, by reason (queue_full, store_failed)");
    }

    /// <summary>What waits to be written.</summary>
    public ChannelReader<LoggedQuestion> Queue => queue.Reader;

    /// <summary>Logs the question if the bot fell short on it; returns at once either way.</summary>
    public void Observe(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!options.Enabled || OutcomeOf(answer, options.LowMargin) is not { } outcome)
        {
            return;
        }

        var top = answer.Match?.Top.Take(MaxTop).Select(s => new TopFact(s.Fact.Id, s.Score)).ToList() ?? [];
        var question = answer.Question.Length <= Answerer.MaxQuestionLength ? answer.Question : answer.Question[..Answerer.MaxQuestionLength];
        var logged = new LoggedQuestion(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), answer.Language, outcome, question.Trim(), top);

        // With FullMode.Wait, TryWrite refuses when the queue is full rather than dropping silently: counted here.
        if (!queue.Writer.TryWrite(logged))
        {
            Dropped("queue_full", 1);
        }
    }

    /// <summary>Questions that will not be written.</summary>
    public void Dropped(string reason, int count) => dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>No more questions: the writer writes what is queued and ends.</summary>
    public void Complete() => queue.Writer.TryComplete();

    /// <summary>
    /// How the bot fell short on an answer, or null when it did not (a confident fact, small talk, out of scope, a page).
    /// The margin is the matcher's: how far the runner-up's rank is below the best's, as a share of the best's.
    /// </summary>
    public static CurationOutcome? OutcomeOf(Answer answer, double lowMargin)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Kind switch
        {
            AnswerKind.NoAnswer => CurationOutcome.NoAnswer,
            AnswerKind.Candidates => CurationOutcome.DidYouMean,
            AnswerKind.Partial => CurationOutcome.Partial,
            AnswerKind.Fact when Margin(answer) < lowMargin => CurationOutcome.LowMargin,
            _ => null,
        };
    }

    /// <summary>1 − the runner-up's rank / the best's; 1 when there is no runner-up (or no match: a fact opened by a button).</summary>
    public static double Margin(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Match?.Top is [var best, var second, ..] && best.Rank > 0 ? 1 - (second.Rank / best.Rank) : 1;
    }
}
