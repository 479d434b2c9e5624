using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// A fact with its calibrated score (0..1: how much of the question it covers), its rank (the score plus how much of
/// the fact is about the question, which orders facts that cover a question equally) and that focus itself.
/// </summary>
public sealed record ScoredFact(Fact Fact, double Score, double Rank, double Focus);

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
}
