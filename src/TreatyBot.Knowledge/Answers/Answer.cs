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
}

/// <summary>The bot's answer to one question, before it is rendered for Telegram or the terminal.</summary>
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

    /// <summary>True when the bot did not answer with a fact.</summary>
    public bool Abstained => Kind != AnswerKind.Fact;
}
