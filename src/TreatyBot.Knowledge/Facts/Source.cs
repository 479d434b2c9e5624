namespace TreatyBot.Knowledge.Facts;

/// <summary>A published source the facts cite (sources.yaml).</summary>
public sealed record Source(string Id, string Title, Uri Url);

/// <summary>A fact's reference to a source, with where in it the fact is found.</summary>
public sealed record Citation(Source Source, string? Locator);
