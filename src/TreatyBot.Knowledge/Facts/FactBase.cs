namespace TreatyBot.Knowledge.Facts;

/// <summary>The loaded, validated contents of <c>responses/</c>: facts, sources, the bot's texts, the lexicon, the seed.</summary>
public sealed class FactBase
{
    private readonly Dictionary<string, Fact> byId;

    public FactBase(
        IReadOnlyList<Fact> facts,
        IReadOnlyList<Source> sources,
        UiTexts texts,
        Lexicon lexicon,
        SeedText seed)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Facts = facts;
        Sources = sources;
        Texts = texts;
        Lexicon = lexicon;
        Seed = seed;
        byId = facts.ToDictionary(f => f.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Fact> Facts { get; }

    public IReadOnlyList<Source> Sources { get; }

    public UiTexts Texts { get; }

    public Lexicon Lexicon { get; }

    public SeedText Seed { get; }

    public Fact? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>Every dated fact in date order, for timelines and date questions.</summary>
    public IEnumerable<(FactDate Date, Fact Fact)> Timeline() =>
        Facts.SelectMany(f => f.Dates.Select(d => (Date: d, Fact: f)))
            .OrderBy(x => x.Date.Year).ThenBy(x => x.Date.Month ?? 0).ThenBy(x => x.Date.Day ?? 0);
}
