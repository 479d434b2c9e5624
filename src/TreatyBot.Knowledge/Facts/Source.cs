namespace TreatyBot.Knowledge.Facts;

/// <summary>
/// A published source the facts cite (sources.yaml): a title for readers in each language, its kind (which orders it
/// in an answer), the address, and a curator's note on how it was read, which the bot never shows.
/// </summary>
public sealed record Source(string Id, LocalizedText Title, Uri Url, SourceKind Kind, string? Note = null)
{
    /// <summary>Aggregators, blogs, forums and library mirrors: cited only where nothing better supports a statement.</summary>
    public bool IsWeak => Kind >= SourceKind.Aggregator;
}

/// <summary>What kind of text a source is, from what a reader trusts first to what last.</summary>
public enum SourceKind
{
    Primary,
    Reference,
    Scholarly,
    Press,
    Aggregator,
    Blog,
    Forum,
    Mirror,
}

/// <summary>
/// A fact's reference to a source, with where in it the fact is found, in each language («с. 84» / "p. 84"); a locator
/// written once (a bare page number, a section title in the source's own language) reads the same in both.
/// </summary>
public sealed record Citation(Source Source, LocalizedText? Locator);
