using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.Knowledge.Answers;

/// <summary>What kind of reply a question gets.</summary>
public enum AnswerKind
{
    /// <summary>A fact, with its excerpt and sources.</summary>
    Fact,

    /// <summary>Several facts fit about equally well: the user picks one ("did you mean…").</summary>
    Candidates,

    /// <summary>A greeting, thanks or "who are you".</summary>
    SmallTalk,

    /// <summary>About something else (another treaty, the weather): refused politely.</summary>
    OutOfScope,

    /// <summary>Nothing fits well enough: the bot says it does not know.</summary>
    NoAnswer,

    /// <summary>Nothing was asked (only spaces or symbols).</summary>
    Empty,

    /// <summary>
    /// A fact offered with a caveat: the question is on its topic but asks a detail the sources lack, or the bot is
    /// not sure it understood. The reply says so before the fact; it is not a confident answer.
    /// </summary>
    Partial,

    /// <summary>A page of the bot asked for in a word («хронология», "sources"): <see cref="Answer.Page"/>.</summary>
    Page,
}

/// <summary>
/// The bot's answer to one question, before it is rendered for Telegram or the terminal. <c>Reply</c> is the bot's own
/// words: the whole reply when there is no fact, the caveat before a partial answer's fact, or what a fact's answer
/// opens with («Нет.» when a yes/no question proposed a wrong date or place).
/// </summary>
public sealed record Answer(
    string Question,
    Language Language,
    AnswerKind Kind,
    Fact? Fact,
    double Score,
    IReadOnlyList<ScoredFact> Candidates,
    string? Reply)
{
    /// <summary>What the matcher saw, for explaining an answer; null when the question was not matched at all.</summary>
    public MatchResult? Match { get; init; }

    /// <summary>
    /// The answers to the other questions of a message that asked several («Когда подписали договор? И кто его
    /// подписал?»), each a fact, shown after this one.
    /// </summary>
    public IReadOnlyList<Answer> Also { get; init; } = [];

    /// <summary>
    /// Whether the learned gate looks at this answer, and learns from it: the facts were weighed (it was not a refusal, a
    /// page, small talk or a question with nothing to match) and it is not a yes/no question's checked date or place.
    /// </summary>
    public bool Weighed { get; init; }

    /// <summary>The facts the learned gate weighed, likeliest first, with their chances (empty without a gate).</summary>
    public IReadOnlyList<GateChance> Chances { get; init; } = [];

    /// <summary>The page asked for, when <see cref="Kind"/> is <see cref="AnswerKind.Page"/>.</summary>
    public BotPage? Page { get; init; }

    /// <summary>The year a timeline page shows the events of («1944», «что было в 1944 году?»); null for the whole timeline.</summary>
    public int? Year { get; init; }

    /// <summary>True when the bot did not answer with a fact, or answered only with a caveat, or showed a page.</summary>
    public bool Abstained => Kind != AnswerKind.Fact;

    /// <summary>A fact shown without a question: a button that opens it, an inline result, a check of every reply.</summary>
    public static Answer Showing(Fact fact, Language language)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return new(fact.Title[language], language, AnswerKind.Fact, fact, 1, [], null);
    }
}
