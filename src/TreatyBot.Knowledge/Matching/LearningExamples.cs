namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// examples.tsv as <see cref="FactClassifier"/> learns it: a hash of the file as the base read it, which with the facts'
/// own texts names the classifier's cache file, and its questions counted from that same reading, which is done only when
/// the cache does not hold what they teach.
/// </summary>
internal sealed class LearningExamples
{
    private Func<TokenCounts?>? count;

    /// <param name="hash">The hash of the file's bytes; null where they were not hashed, which the cache then never keeps.</param>
    /// <param name="count">Counts the questions (once).</param>
    public LearningExamples(byte[]? hash, Func<TokenCounts?> count)
    {
        Hash = hash;
        this.count = count;
    }

    private LearningExamples()
    {
    }

    /// <summary>No examples: the classifier learns the facts' own texts alone (and may keep them in the cache).</summary>
    public static LearningExamples None { get; } = new();

    public byte[]? Hash { get; }

    /// <summary>Whether what is learned from them may be kept in the cache: no examples, or a file whose bytes were hashed.</summary>
    public bool Cacheable => this == None || Hash is not null;

    /// <summary>
    /// The questions counted; null without examples. Once only: the classifier renumbers the counts in place as it learns
    /// them, so they cannot be handed out twice.
    /// </summary>
    public TokenCounts? CountQuestions() =>
        Interlocked.Exchange(ref count, null) is { } counting ? counting() : this == None ? null
            : throw new InvalidOperationException("the examples were counted once already");
}
