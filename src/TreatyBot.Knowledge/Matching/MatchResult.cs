using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// A fact with its calibrated score (0..1: how much of the question it covers), its rank (the score plus how much of
/// the fact is about the question, which orders facts that cover a question equally) and that focus itself.
/// </summary>
public sealed record ScoredFact(Fact Fact, double Score, double Rank, double Focus)
{
    /// <summary>How much of the question's known words the fact covers (0..1): high when only an unknown detail is missing.</summary>
    public double Known { get; init; }

    /// <summary>How well the fact answers the kind of question asked: 1, less for a kindred or another kind.</summary>
    public double Fit { get; init; } = 1;

    /// <summary>
    /// The words naming the detail the question asks for («какой город»: город) that the fact does not hold: when
    /// any, the fact is on the topic but may not give that detail.
    /// </summary>
    public IReadOnlyList<string> Lacks { get; init; } = [];

    /// <summary>
    /// Whether the question asks how many and the fact neither answers that kind of question (nor how long) nor states
    /// a number: it is on the topic but cannot give the count.
    /// </summary>
    public bool LacksCount { get; init; }

    /// <summary>
    /// Whether the question asks what became of someone or something later and the fact is its profile but does not
    /// tell that (it has no "after" aspect): it says who Karakhan was, not what happened to him after 1925.
    /// </summary>
    public bool LacksLater { get; init; }

    /// <summary>
    /// Whether the fact answers neither the kind of question asked nor a kindred one (asked who raised the flag, it
    /// dates the evacuation): it is on the topic, but may not say what was asked. A fact that states a date answers
    /// "when" whatever it is about, and counts are checked by <see cref="LacksCount"/>.
    /// </summary>
    public bool OtherKind { get; init; }

    /// <summary>Whether the fact is the profile of the one the question asks about («кто такой Карахан»: his profile).</summary>
    public bool ProfilesSubject { get; init; }

    /// <summary>Whether the fact lacks the detail the question asks for (<see cref="Lacks"/>, <see cref="LacksCount"/>, <see cref="LacksLater"/>).</summary>
    public bool LacksDetail => Lacks.Count > 0 || LacksCount || LacksLater;
}

/// <summary>
/// How the question was read before matching: its terms (after filler, aliases and entities; <see cref="Matcher.Describe"/>
/// shows one as a person reads it), the entities and dates it names, how many filler words were left out, a page asked
/// for in a word, and the weight of all its words and of those no fact uses.
/// </summary>
public sealed record QuestionReading(
    IReadOnlyCollection<string> Terms,
    IReadOnlyCollection<string> Entities,
    IReadOnlyCollection<string> Dates,
    int Filler,
    BotPage? Page,
    double ContentWeight,
    double UnknownWeight)
{
    public static QuestionReading Empty { get; } = new([], [], [], 0, null, 0, 0);

    /// <summary>Whether any term says something (is not a stop word): «даты» alone asks for a page, not a fact.</summary>
    public bool HasContent { get; init; }

    /// <summary>The stems of the words that name the detail asked for («какой город»: город, "what post": post).</summary>
    public IReadOnlyList<string> Detail { get; init; } = [];

    /// <summary>The terms no fact uses (they make up <see cref="UnknownWeight"/>).</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];

    /// <summary>
    /// Whether the facts were ranked without the date or place a yes/no question proposed («…в 1926 году?», "…in
    /// Tokyo?"), since only a fact off its subject held it, the fact on the event does not hold its month or day
    /// («вступила в силу в январе 1925?»), or the fact found holds the day but not what the question says happened on it
    /// («подписали 26 февраля 1925?», the day it came into force): the fact on the event answers with the real one.
    /// </summary>
    public bool ProposalSetAside { get; init; }

    /// <summary>
    /// Whether, with <see cref="ProposalSetAside"/>, the fact on the event holds none of the proposed dates or places:
    /// the premise is wrong, and the answer opens with "no" before the real date or place.
    /// </summary>
    public bool ProposalRefuted { get; init; }

    /// <summary>
    /// Whether a yes/no question proposes a day or month, or a place by name («в Пекине», "in January 1925"), and the
    /// best fact holds all of it, every year the question names and every other word of it the facts know (what happened
    /// then): the answer opens with "yes". Not when the question denies or offers a choice («не в Пекине?», "…or in Tokyo?").
    /// </summary>
    public bool ProposalConfirmed { get; init; }

    /// <summary>
    /// Whether the fact that holds the day or place a yes/no question proposes does not hold what the question says
    /// happened then, or is little about what it names («подписали 26 февраля 1925?»: the fact on the entry into force):
    /// it does not confirm the claim, and the fact on the event answers when one is found (<see cref="ProposalSetAside"/>).
    /// </summary>
    public bool ProposalOffTheEvent { get; init; }

    /// <summary>
    /// The days or months a yes/no question proposes to check («ушли 26 февраля 1925?»), when it proposes nothing else; empty
    /// otherwise, and when the question denies or offers a choice.
    /// </summary>
    public IReadOnlyList<string> ProposedDays { get; init; } = [];

    /// <summary>
    /// The years a yes/no question proposes when it names no day, month or place to check: written alone after "in" or
    /// «в» («подписали в 1924 году?», "came into force in 1926?"), and not the year of the treaty, which names the topic
    /// more often than it proposes a date. A dated fact that mentions none of them answers "no". Empty otherwise, and
    /// when the question denies or offers a choice.
    /// </summary>
    public IReadOnlyList<string> ProposedYears { get; init; } = [];

    /// <summary>
    /// The counts a yes/no question proposes («концессию дали на 99 лет?», "Japan got 70 percent?"): an answer that counts
    /// the same thing only with other numbers answers "no". Empty otherwise, and when the question denies or offers a choice.
    /// </summary>
    internal IReadOnlyList<StatedCount> ProposedCounts { get; init; } = [];

    /// <summary>
    /// Who a yes/no question on signing proposes signed («договор подписал Чичерин?»): persons of the lexicon as terms,
    /// names no fact knows as stems. A fact that names who signed and none of them answers "no". Empty otherwise, and
    /// when the question denies or offers a choice.
    /// </summary>
    public IReadOnlyList<string> ProposedSigners { get; init; } = [];

    /// <summary>Whether a date or place the question proposed was checked against the best fact, either way.</summary>
    public bool ProposalChecked => ProposalConfirmed || ProposalRefuted;
}

/// <summary>
/// What the matcher found in a question: the best facts, the asked aspects, any refusal or small talk, the years the
/// question names that no fact knows, and the question's language as read (Latin-typed Russian is Russian).
/// </summary>
public sealed record MatchResult(
    IReadOnlyList<ScoredFact> Top,
    IReadOnlySet<Aspect> Aspects,
    Refusal? Refusal,
    SmallTalk? SmallTalk,
    IReadOnlyList<int> UnknownYears,
    Language? Language)
{
    public ScoredFact? Best => Top.Count > 0 ? Top[0] : null;

    /// <summary>How the question was read (for explaining, and for pages asked for in a word).</summary>
    public QuestionReading Reading { get; init; } = QuestionReading.Empty;

    /// <summary>
    /// The fact the classifier learned from people's questions finds likeliest (<see cref="FactClassifier"/>), or null
    /// when it knows none of the question's words: a second opinion on <see cref="Best"/>.
    /// </summary>
    public LearnedGuess? Learned { get; init; }
}
