namespace TreatyBot.Knowledge.Facts;

/// <summary>One entry of the fact base: what the bot answers, in both languages, with its sources.</summary>
public sealed record Fact(
    string Id,
    IReadOnlyList<string> Covers,
    string Topic,
    LocalizedText Title,
    LocalizedText Answer,
    LocalizedText? Detail,
    IReadOnlyList<FactDate> Dates,
    IReadOnlyList<Aspect> Aspects,
    FactStatus Status,
    LocalizedText? Dispute,
    IReadOnlyList<Citation> Citations,
    string? Excerpt,
    LocalizedList Keywords,
    LocalizedList Questions,
    IReadOnlyList<string> Related,
    SourceLocation Location)
{
    public bool IsDisputed => Status == FactStatus.Disputed;

    /// <summary>What the fact states, as a user reads it: its answer, then its detail (no excerpt, no sources).</summary>
    public string Statement(Language language) => Detail is { } detail ? Answer[language] + " " + detail[language] : Answer[language];

    /// <summary>The entities of lexicon.yaml this fact is a profile of ("who was Karakhan" → his profile).</summary>
    public IReadOnlyList<string> About { get; init; } = [];


    /// <summary>The day this fact is remembered on every year (<c>anniversary: true</c>: its first date, a whole date), or null.</summary>
    public FactDate? Anniversary { get; init; }
}

/// <summary>A list of phrases in both languages.</summary>
public sealed record LocalizedList(IReadOnlyList<string> Ru, IReadOnlyList<string> En)
{
    public static LocalizedList Empty { get; } = new([], []);

    public IEnumerable<string> All => Ru.Concat(En);
}

/// <summary>Where in the fact base something was read: a file relative to the base folder, and a 1-based line.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
