namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// examples.tsv as <see cref="FactClassifier"/> learns it: a hash of the file as the base read it (null without a file,
/// or where nothing is cached), which with the facts' own texts names the classifier's cache file; and its questions
/// counted from that same reading, which is done only when the cache does not hold what they teach.
/// </summary>
internal sealed class LearningExamples(byte[]? hash, Func<TokenCounts?> count)
{
    /// <summary>No examples: the classifier learns the facts' own texts alone.</summary>
    public static LearningExamples None { get; } = new(null, () => null);

    public byte[]? Hash => hash;

    /// <summary>The questions counted; null without examples.</summary>
    public TokenCounts? Count() => count();
}
