using TreatyBot.Knowledge;

namespace TreatyBot.Storage;

/// <summary>
/// The questions the bot could not answer well, for curators (<c>review</c>): kept without any user or chat id, by day,
/// for a limited time. The bot's one store of them: <see cref="SqliteCurationLog"/>; a shared store can take its place.
/// </summary>
internal interface ICurationLog
{
    /// <summary>Adds the questions, all or none.</summary>
    Task AppendAsync(IReadOnlyCollection<LoggedQuestion> questions, CancellationToken cancellationToken);

    /// <summary>The questions logged on <paramref name="since"/> or later, oldest first.</summary>
    Task<IReadOnlyList<LoggedQuestion>> ReadAsync(DateOnly since, CancellationToken cancellationToken);

    /// <summary>Deletes the questions logged before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken);
}

/// <summary>How the bot fell short on a question.</summary>
internal enum CurationOutcome
{
    /// <summary>"I could not find an answer".</summary>
    NoAnswer,

    /// <summary>"Did you mean…" with two or three facts to pick from.</summary>
    DidYouMean,

    /// <summary>A fact with a caveat ("my sources may not answer exactly that", "not sure I understood").</summary>
    Partial,

    /// <summary>A fact answered although the runner-up ranked almost as high (setting <c>Curation:LowMargin</c>).</summary>
    LowMargin,
}

/// <summary>One of the facts that fitted a question best, with the matcher's score (0..1).</summary>
internal sealed record TopFact(string FactId, double Score);

/// <summary>
/// A question as the curation log keeps it: the day (UTC), the language answered in, how the bot fell short, the text
/// as typed, and the best facts the matcher found (best first). Nothing about who asked or where.
/// </summary>
internal sealed record LoggedQuestion(DateOnly Day, Language Language, CurationOutcome Outcome, string Question, IReadOnlyList<TopFact> Top)
{
    /// <summary>The fact the question most likely was about, or null when none fitted even loosely.</summary>
    public TopFact? Likely => Top.Count > 0 ? Top[0] : null;
}
