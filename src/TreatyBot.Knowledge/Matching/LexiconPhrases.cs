using System.Globalization;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>A term of analysed text and how sure the reader is of it (a corrected word counts less, a date more).</summary>
internal readonly record struct WeightedTerm(string Term, double Weight);

/// <summary>Text folded through the lexicon: its terms, the aspects it asks for, and any refusal topic or small talk.</summary>
internal sealed class FoldedText
{
    public List<WeightedTerm> Terms { get; } = new(8);

    public HashSet<Aspect> Aspects { get; } = [];

    public Refusal? Refusal { get; set; }

    public SmallTalk? SmallTalk { get; set; }

    /// <summary>A page of the bot the text names in a word (хронология), not counted as a term.</summary>
    public BotPage? Page { get; set; }

    /// <summary>The entities (people, places…) the text names, by id.</summary>
    public HashSet<string> Entities { get; } = new(StringComparer.Ordinal);

    /// <summary>How many words were politeness or filler and left out.</summary>
    public int Filler { get; set; }
}

/// <summary>
/// The phrases of lexicon.yaml as stem sequences: alias phrases fold into one term per group ("≈3"), question words
/// become aspects, and in a question refusal topics and small talk are noted. Facts and questions fold the same way.
/// </summary>
internal sealed class LexiconPhrases
{
    private readonly PhraseTable<int> aliases = new();
    private readonly PhraseTable<Aspect> cues = new();
    private readonly PhraseTable<Refusal> refusals = new();
    private readonly PhraseTable<SmallTalk> smallTalk = new();
    private readonly PhraseTable<bool> filler = new();
    private readonly PhraseTable<BotPage> pages = new();
    private readonly PhraseTable<string> entities = new();
    private readonly HashSet<string> stems = new(StringComparer.Ordinal);

    public LexiconPhrases(Lexicon lexicon, WordList words)
    {
        for (var group = 0; group < lexicon.Aliases.Count; group++)
        {
            Add(aliases, words, lexicon.Aliases[group].Phrases, group);
        }

        foreach (var cue in lexicon.Cues)
        {
            Add(cues, words, cue.Phrases, cue.Aspect);
        }

        foreach (var refusal in lexicon.Refusals)
        {
            Add(refusals, words, refusal.Phrases, refusal);
        }

        foreach (var talk in lexicon.SmallTalk)
        {
            Add(smallTalk, words, talk.Phrases, talk);
        }

        Add(filler, words, lexicon.Filler, true);
        foreach (var page in lexicon.Pages)
        {
            Add(pages, words, page.Phrases, page.Page);
        }

        foreach (var entity in lexicon.Entities)
        {
            Add(entities, words, entity.Names, entity.Id);
        }
    }

    /// <summary>The term an entity folds into: all its names are one term.</summary>
    public static string EntityTerm(string id) => "#" + id;

    /// <summary>Every stem of every phrase: words the matcher knows even if no fact uses them.</summary>
    public IReadOnlySet<string> Stems() => stems;

    /// <summary>Folds <paramref name="words"/>, longest phrase first at each place; a question also checks refusals and small talk.</summary>
    public FoldedText Fold(IReadOnlyList<WeightedTerm> words, bool question)
    {
        var folded = new FoldedText();
        var stemsOnly = new string[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            stemsOnly[i] = words[i].Term;
        }

        for (var i = 0; i < stemsOnly.Length;)
        {
            if (question && refusals.TryMatchAt(stemsOnly, i, out var length, out var refusal))
            {
                folded.Refusal ??= refusal;
            }
            else if (question && smallTalk.TryMatchAt(stemsOnly, i, out length, out var talk))
            {
                folded.SmallTalk ??= talk;
            }
            else if (question && pages.TryMatchAt(stemsOnly, i, out length, out var page))
            {
                // «даты» alone asks for the timeline; beside other words it still asks "when".
                folded.Page ??= page;
                if (cues.TryMatchAt(stemsOnly, i, out _, out var asked))
                {
                    folded.Aspects.Add(asked);
                }
            }
            else if (cues.TryMatchAt(stemsOnly, i, out length, out var aspect))
            {
                // Before filler: "tell me about" asks for a summary, where "tell me" alone is only politeness.
                folded.Aspects.Add(aspect);
            }
            else if (question && filler.TryMatchAt(stemsOnly, i, out length, out _))
            {
                folded.Filler += length;
            }
            else if (entities.TryMatchAt(stemsOnly, i, out length, out var entity)
                     && !(aliases.TryMatchAt(stemsOnly, i, out var aliasLength, out _) && aliasLength > length))
            {
                folded.Entities.Add(entity);
                folded.Terms.Add(new WeightedTerm(EntityTerm(entity), Weakest(words, i, length)));
            }
            else if (aliases.TryMatchAt(stemsOnly, i, out length, out var group))
            {
                folded.Terms.Add(new WeightedTerm(AliasTerm(group), Weakest(words, i, length)));
            }
            else
            {
                length = 1;
                folded.Terms.Add(words[i]);
            }

            i += length;
        }

        return folded;
    }

    private static string AliasTerm(int group) => "≈" + group.ToString(CultureInfo.InvariantCulture);

    /// <summary>A phrase counts as little as its least certain word (a corrected one counts less).</summary>
    private static double Weakest(IReadOnlyList<WeightedTerm> words, int start, int length)
    {
        var weight = double.MaxValue;
        for (var i = start; i < start + length; i++)
        {
            weight = Math.Min(weight, words[i].Weight);
        }

        return weight;
    }

    /// <summary>Adds each of <paramref name="phrases"/>, as stems, to <paramref name="table"/> with <paramref name="value"/>.</summary>
    private void Add<T>(PhraseTable<T> table, WordList words, IEnumerable<string> phrases, T value)
    {
        foreach (var phrase in phrases)
        {
            table.Add(Stems(words, phrase), value);
        }
    }

    private List<string> Stems(WordList words, string phrase)
    {
        var tokens = TreatyAnalyzer.ForThread.Tokens(phrase);
        words.Add(phrase, tokens);
        var phraseStems = tokens.ConvertAll(t => t.Stem);
        stems.UnionWith(phraseStems);
        return phraseStems;
    }
}
