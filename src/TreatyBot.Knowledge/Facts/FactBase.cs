using System.Runtime.ExceptionServices;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Matching;

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
        SeedText seed,
        IReadOnlyList<string>? featured = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Facts = facts;
        Sources = sources;
        Texts = texts;
        Lexicon = lexicon;
        Seed = seed;
        byId = facts.ToDictionary(f => f.Id, StringComparer.Ordinal);
        Featured = [.. (featured ?? []).Select(Find).OfType<Fact>()];
    }

    private readonly Lock learning = new();
    private LearningExamples? examples;
    private FactClassifier? classifier;

    /// <summary>Why learning the classifier failed, if it did: every later ask fails the same way, rather than learn without the examples.</summary>
    private ExceptionDispatchInfo? failure;

    /// <summary>
    /// examples.tsv for the classifier to learn (<see cref="LearningExamples.None"/> without the file), until
    /// <see cref="Classifier"/> has learned it.
    /// </summary>
    internal LearningExamples Examples
    {
        init => examples = value;
    }

    /// <summary>The learned last look at each answer (gate.tsv), or null without the file: the hand-built rules decide alone.</summary>
    public AnswerGate? Gate { get; init; }

    /// <summary>The folder where the classifier keeps what it learned between starts, or null for nowhere.</summary>
    internal string? LearnedCache { get; init; }

    /// <summary>
    /// The classifier learned from the facts' texts and <see cref="Examples"/>, or read from <see cref="LearnedCache"/>:
    /// built by the first matcher that asks, and shared by any other on this base.
    /// </summary>
    internal FactClassifier Classifier
    {
        get
        {
            lock (learning)
            {
                failure?.Throw();
                if (classifier is null)
                {
                    try
                    {
                        classifier = new FactClassifier(Facts, examples ?? LearningExamples.None, LearnedCache);
                    }
                    catch (Exception ex)
                    {
                        failure = ExceptionDispatchInfo.Capture(ex);
                        throw;
                    }

                    // What the examples hold is the classifier's alone from here (some MiB once counted): the base keeps none of it.
                    examples = null;
                }

                return classifier;
            }
        }
    }

    /// <summary>The key facts (featured.yaml), for an empty inline query.</summary>
    public IReadOnlyList<Fact> Featured { get; }

    public IReadOnlyList<Fact> Facts { get; }

    public IReadOnlyList<Source> Sources { get; }

    public UiTexts Texts { get; }

    public Lexicon Lexicon { get; }

    public SeedText Seed { get; }

    public Fact? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>Each dated event (a fact that answers "when") once, at its first (main) date, in date order: the timeline.</summary>
    public IReadOnlyList<(FactDate Date, Fact Fact)> Timeline() =>
        [.. Facts.Where(f => f.Dates.Count > 0 && f.Aspects.Contains(Aspect.When))
            .Select(f => (Date: f.Dates[0], Fact: f))
            .OrderBy(x => x.Date.Year).ThenBy(x => x.Date.Month ?? 0).ThenBy(x => x.Date.Day ?? 0)];

    /// <summary>The timeline's events of one year, or all of them when <paramref name="year"/> is null.</summary>
    public IReadOnlyList<(FactDate Date, Fact Fact)> Timeline(int? year) =>
        year is { } only ? [.. Timeline().Where(entry => entry.Date.Year == only)] : Timeline();
}
