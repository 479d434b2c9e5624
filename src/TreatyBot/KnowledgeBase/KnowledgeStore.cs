using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;
using TreatyBot.Knowledge.Matching;

namespace TreatyBot.KnowledgeBase;

/// <summary>
/// The fact base in service and the answerer built on it. <see cref="Reload"/> swaps in a new base only if it is
/// valid; readers always see one whole base, old or new.
/// </summary>
/// <param name="folder">The fact base's folder; the constructor throws <see cref="FactBaseException"/> if the base in it is invalid.</param>
/// <param name="cache">Where the classifier keeps what it learned between starts (<see cref="KnowledgeOptions.Cache"/>), or null.</param>
internal sealed class KnowledgeStore(string folder, string? cache = null)
{
    private volatile Answerer answerer = Build(folder, cache);

    public string Folder { get; } = folder;

    public Answerer Answerer => answerer;

    public FactBase Facts => answerer.Facts;

    /// <summary>Loads the base again; keeps the current one and returns the problems if the new one is invalid.</summary>
    public IReadOnlyList<FactBaseProblem> Reload()
    {
        try
        {
            answerer = Build(Folder, cache);
            return [];
        }
        catch (FactBaseException ex)
        {
            return ex.Problems;
        }
    }

    /// <summary>
    /// Loads the base, checks that every reply it would render fits in one Telegram message, and builds its matcher. The matcher's text analysis is made ready on another core while the
    /// YAML is read: on a fresh process most of that is compiling code, and the two need not wait for each other.
    /// </summary>
    private static Answerer Build(string folder, string? cache)
    {
        var ready = Task.Run(Matcher.WarmUp);
        var facts = FactBaseLoader.Load(folder, cache);
        if (FactBaseChecks.RenderedReplies(facts).ToList() is { Count: > 0 } problems)
        {
            throw new FactBaseException(problems);
        }

        ready.GetAwaiter().GetResult();
        return new(new Matcher(facts));
    }
}
