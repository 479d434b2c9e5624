using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>Where a term occurs: the fact, its most important field there (a weight 0..1), its BM25F weight.</summary>
internal readonly record struct Posting(int Fact, double BestField, double Bm25);

/// <summary>
/// The inverted index of the facts. Each field counts with a weight (keywords and title most, detail least; the first
/// date a fact lists as much as its title); a term's posting keeps its best field, for coverage, and its BM25F weight
/// over the field-weighted frequencies, for ranking. Titles and example questions also go to the <see cref="Focus"/>.
/// </summary>
internal sealed class FactIndex
{
    /// <summary>A stop word (и, the, какой) counts this share of its IDF: it rarely tells facts apart, but it may.</summary>
    public const double StopWeight = 0.1;

    private const double KeywordWeight = 1.0;
    private const double TitleWeight = 1.0;
    private const double QuestionWeight = 0.9;
    private const double AnswerWeight = 0.8;
    private const double DetailWeight = 0.5;
    private const double K1 = 1.2;
    private const double B = 0.5;
    private const double TitleFocus = 1.0;
    private const double QuestionFocus = 0.7;

    /// <summary>A question word in a title or example question counts about as much as a word used by a few facts.</summary>
    private const double AspectWeight = 1.5;

    private readonly Dictionary<string, Posting[]> postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> idf = new(StringComparer.Ordinal);
    private readonly LexiconPhrases phrases;
    private readonly WordList words;
    private readonly Dictionary<string, Analysed> analysed;

    /// <summary>Per fact, every term and every word's stem in any of its fields (before the lexicon folded them).</summary>
    private readonly HashSet<string>[] held;

    /// <summary>Per fact, whether its title, answer or detail states a number other than a date.</summary>
    private readonly bool[] counts;

    public FactIndex(IReadOnlyList<Fact> facts, LexiconPhrases phrases, WordList words)
    {
        this.phrases = phrases;
        this.words = words;
        Count = facts.Count;
        analysed = Analyse(facts, phrases);
        var frequencies = new Dictionary<string, (double Tf, double Best)>[Count];
        var lengths = new double[Count];
        var about = new List<(int, double, FoldedText)>();
        var titles = new List<IReadOnlySet<string>>[Count];
        for (var i = 0; i < Count; i++)
        {
            var fact = facts[i];
            var terms = frequencies[i] = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
            lengths[i] += AddField(terms, fact.Keywords.All, KeywordWeight);
            lengths[i] += AddField(terms, [fact.Title.Ru, fact.Title.En], TitleWeight, about, i, TitleFocus);
            titles[i] = [.. about.TakeLast(2).Select(p => p.Item3.Terms.Select(t => t.Term).Where(t => !TreatyAnalyzer.StopStems.Contains(t)).ToHashSet(StringComparer.Ordinal))];
            lengths[i] += AddField(terms, fact.Questions.All, QuestionWeight, about, i, QuestionFocus);
            foreach (var entity in fact.About)
            {
                // A profile is wholly about its entity: naming the entity names the fact, as its title would.
                var named = new FoldedText();
                named.Terms.Add(new WeightedTerm(LexiconPhrases.EntityTerm(entity), 1));
                about.Add((i, TitleFocus, named));
                lengths[i] += AddTerms(terms, [LexiconPhrases.EntityTerm(entity)], KeywordWeight);
            }

            lengths[i] += AddField(terms, [fact.Answer.Ru, fact.Answer.En], AnswerWeight);
            // The first date a fact lists is its own (the day of the event it tells); the others are context.
            lengths[i] += AddTerms(terms, fact.Dates.Take(1).SelectMany(DateRecognizer.Terms), TitleWeight);
            lengths[i] += AddTerms(terms, fact.Dates.Skip(1).SelectMany(DateRecognizer.Terms), DetailWeight);
            if (fact.Detail is { } detail)
            {
                lengths[i] += AddField(terms, [detail.Ru, detail.En], DetailWeight);
            }
        }

        held = new HashSet<string>[Count];
        counts = new bool[Count];
        for (var i = 0; i < Count; i++)
        {
            counts[i] = Shown(facts[i]).Any(text => analysed[text] is var (rest, tokens, _)
                && tokens.Exists(t => phrases.IsNumber(WordList.Normalize(rest.AsSpan(t.Start, t.Length)))));
            held[i] = new HashSet<string>(frequencies[i].Keys, StringComparer.Ordinal);
            foreach (var text in Texts(facts[i]))
            {
                held[i].UnionWith(analysed[text].Tokens.Select(t => t.Stem));
            }

            // «Как звали японского посланника?»: a fact that names a person gives a name, though no fact writes «звали».
            if (phrases.NamesAPerson(Shown(facts[i]).SelectMany(text => analysed[text].Folded.Entities)))
            {
                held[i].UnionWith(phrases.NameWords);
            }

            // An alias or a name holds the words of all its phrases: «Северный Сахалин» holds «часть» of «северная часть Сахалина».
            foreach (var term in frequencies[i].Keys)
            {
                if (phrases.WordsOf(term) is { } named)
                {
                    held[i].UnionWith(named);
                }
            }
        }

        var linked = facts.SelectMany(f => f.Related).CountBy(id => id, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        Prominence = [.. facts.Select(f => Math.Log(1 + linked.GetValueOrDefault(f.Id)))];
        var documentFrequency = frequencies.SelectMany(f => f.Keys).CountBy(t => t, StringComparer.Ordinal);
        foreach (var (term, df) in documentFrequency)
        {
            idf[term] = Math.Log((Count + 1.0) / df) + 0.05;
        }

        var averageLength = lengths.Average();
        var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            var norm = K1 * (1 - B + (B * lengths[i] / averageLength));
            foreach (var (term, (tf, best)) in frequencies[i])
            {
                if (!lists.TryGetValue(term, out var list))
                {
                    lists[term] = list = [];
                }

                list.Add(new Posting(i, best, idf[term] * tf * (K1 + 1) / (tf + norm)));
            }
        }

        foreach (var (term, list) in lists)
        {
            postings[term] = [.. list];
        }

        Titles = titles;
        Positions = facts.Select((f, i) => (f.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        UnknownIdf = Math.Log(Count + 1.0) + 0.5;
        Focus = new FocusIndex(about, Weight, AspectWeight);
    }

    public int Count { get; }

    /// <summary>The weight of a term no fact uses: more than the rarest known term, as it is a part of the question no fact covers.</summary>
    public double UnknownIdf { get; }

    /// <summary>What each fact is about: its title and example questions.</summary>
    public FocusIndex Focus { get; }

    /// <summary>How many other facts list a fact as related (logarithmic): central facts are linked to from many others.</summary>
    public IReadOnlyList<double> Prominence { get; }

    /// <summary>The words of each fact's title, Russian and English, without stop words.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlySet<string>>> Titles { get; }

    /// <summary>Where each fact (by id) stands in the index.</summary>
    public IReadOnlyDictionary<string, int> Positions { get; }

    /// <summary>Every term some fact uses.</summary>
    public IEnumerable<string> Terms => postings.Keys;

    /// <summary>The facts that use <paramref name="term"/>; null when none does.</summary>
    public Posting[]? Find(string term) => postings.GetValueOrDefault(term);

    /// <summary>
    /// Whether fact number <paramref name="fact"/> holds <paramref name="term"/>: as a term, as a word of one of its
    /// fields before the lexicon folded it («статья» of «статья IV», which is one alias), or as a word of another
    /// phrase of an alias or a name it holds.
    /// </summary>
    public bool Holds(string term, int fact) => held[fact].Contains(term);

    /// <summary>Whether fact number <paramref name="fact"/> states a number other than a date (1900 soldiers, five months).</summary>
    public bool Counts(int fact) => counts[fact];

    /// <summary>How telling a term is: high when few facts use it; 0 for a term no fact uses.</summary>
    public double Idf(string term) => idf.GetValueOrDefault(term);

    /// <summary>How much a term counts in a question: its IDF, less for a stop word.</summary>
    public double Weight(string term) => Idf(term) * (TreatyAnalyzer.StopStems.Contains(term) ? StopWeight : 1);

    /// <summary>
    /// Analyses and folds a text of the fact base the way a question is read, dates included («Протокол 30 марта
    /// 1944 года» names 1944-03-30), noting its words for spelling correction.
    /// </summary>
    private FoldedText Fold(string text)
    {
        var (rest, tokens, folded) = analysed.TryGetValue(text, out var done) ? done : Analyse(text, phrases);
        words.Add(rest, tokens);
        return folded;
    }

    /// <summary>
    /// Every text of the fact base analysed at once, on all cores: analysis (dates, tokens, stems, the lexicon) is most
    /// of the time it takes to build the index, and each text is analysed on its own.
    /// </summary>
    private static Dictionary<string, Analysed> Analyse(IReadOnlyList<Fact> facts, LexiconPhrases phrases)
    {
        var texts = facts.SelectMany(Texts).Distinct(StringComparer.Ordinal).ToArray();
        var results = new Analysed[texts.Length];
        Parallel.For(0, texts.Length, i => results[i] = Analyse(texts[i], phrases));
        var byText = new Dictionary<string, Analysed>(texts.Length, StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++)
        {
            byText[texts[i]] = results[i];
        }

        return byText;
    }

    /// <summary>Every text of a fact the index reads: keywords, example questions, title, answer and detail.</summary>
    private static IEnumerable<string> Texts(Fact fact) =>
        fact.Keywords.All.Concat(fact.Questions.All).Concat(Shown(fact));

    /// <summary>The texts of a fact a user reads: its title, answer and detail.</summary>
    private static IEnumerable<string> Shown(Fact fact) =>
        new[] { fact.Title.Ru, fact.Title.En, fact.Answer.Ru, fact.Answer.En }.Concat(fact.Detail is { } detail ? [detail.Ru, detail.En] : []);

    private static Analysed Analyse(string text, LexiconPhrases phrases)
    {
        var dates = DateRecognizer.Find(text);
        var rest = DateRecognizer.Blank(text, dates);
        var tokens = TreatyAnalyzer.ForThread.Tokens(rest);
        var folded = phrases.Fold(tokens.ConvertAll(t => new WeightedTerm(t.Stem, 1)), question: false);
        folded.Terms.AddRange(dates.Select(d => new WeightedTerm(DateRecognizer.Term(d), 1)));
        return new Analysed(rest, tokens, folded);
    }

    /// <summary>A text of the fact base as the index reads it: without its dates, its tokens, and folded.</summary>
    private readonly record struct Analysed(string Rest, List<Token> Tokens, FoldedText Folded);

    /// <summary>
    /// Adds a field's terms, and its texts to <paramref name="about"/> as names of the <paramref name="fact"/> counting
    /// <paramref name="focus"/>; returns the field's weighted length.
    /// </summary>
    private double AddField(
        Dictionary<string, (double Tf, double Best)> terms,
        IEnumerable<string> texts,
        double weight,
        List<(int, double, FoldedText)>? about = null,
        int fact = 0,
        double focus = 0)
    {
        var length = 0.0;
        foreach (var text in texts)
        {
            var folded = Fold(text);
            about?.Add((fact, focus, folded));
            length += AddTerms(terms, folded.Terms.Select(t => t.Term), weight);
        }

        return length;
    }

    private static double AddTerms(Dictionary<string, (double Tf, double Best)> terms, IEnumerable<string> found, double weight)
    {
        var length = 0.0;
        foreach (var term in found)
        {
            var (tf, best) = terms.GetValueOrDefault(term);
            terms[term] = (tf + weight, Math.Max(best, weight));
            length += weight;
        }

        return length;
    }
}
