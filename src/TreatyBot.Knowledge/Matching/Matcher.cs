using System.Globalization;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Knowledge.Matching;

/// <summary>
/// Scores every fact against a question, two ways. The rank (BM25F over the fact's fields) orders facts: it rewards a
/// fact whose title, keywords and questions are about the question's words. The score is the share of the question's
/// meaning (IDF-weighted terms) that a fact covers, so it lies in 0..1 and is comparable across questions: it decides
/// whether to answer at all. Question words (когда, who…) lower both for facts that do not answer that kind of question.
/// Built once per fact base; thread-safe for matching.
/// </summary>
public sealed class Matcher
{
    private const double KeywordWeight = 1.0;
    private const double TitleWeight = 1.0;
    private const double QuestionWeight = 0.9;
    private const double AnswerWeight = 0.8;
    private const double DetailWeight = 0.5;
    private const double AspectPenalty = 0.25;
    private const double K1 = 1.2;
    private const double B = 0.5;
    private const double TitleFloor = 0.4;

    private readonly FactBase facts;
    [ThreadStatic]
    private static TreatyAnalyzer? threadAnalyzer;

    private readonly PhraseTable<int> aliases = new();
    private readonly PhraseTable<Aspect> cues = new();
    private readonly PhraseTable<Refusal> refusals = new();
    private readonly PhraseTable<SmallTalk> smallTalk = new();
    private readonly Dictionary<string, List<Posting>> postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> idf = new(StringComparer.Ordinal);
    private readonly List<HashSet<string>[]> titleTerms = [];
    private readonly double unknownIdf;

    public Matcher(FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        this.facts = facts;
        var lexicon = facts.Lexicon;
        for (var group = 0; group < lexicon.Aliases.Count; group++)
        {
            foreach (var phrase in lexicon.Aliases[group].Phrases)
            {
                aliases.Add(Stems(phrase), group);
            }
        }

        foreach (var cue in lexicon.Cues)
        {
            foreach (var phrase in cue.Phrases)
            {
                cues.Add(Stems(phrase), cue.Aspect);
            }
        }

        foreach (var refusal in lexicon.Refusals)
        {
            foreach (var phrase in refusal.Phrases)
            {
                refusals.Add(Stems(phrase), refusal);
            }
        }

        foreach (var talk in lexicon.SmallTalk)
        {
            foreach (var phrase in talk.Phrases)
            {
                smallTalk.Add(Stems(phrase), talk);
            }
        }

        BuildIndex();
        unknownIdf = Math.Log(facts.Facts.Count + 1.0) + 0.5;
    }

    public FactBase Facts => facts;

    /// <summary>Analyses <paramref name="question"/> and ranks the facts; the best first.</summary>
    public MatchResult Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var query = Analyze(question, forQuery: true);
        var terms = query.Terms.Distinct(StringComparer.Ordinal).ToList();
        var total = 0.0;
        var coverage = new double[facts.Facts.Count];
        var bm25 = new double[facts.Facts.Count];
        var unknownYears = new List<int>();
        foreach (var term in terms)
        {
            if (postings.TryGetValue(term, out var list))
            {
                var weight = idf[term];
                total += weight;
                foreach (var posting in list)
                {
                    coverage[posting.Fact] += weight * posting.BestField;
                    bm25[posting.Fact] += posting.Bm25;
                }
            }
            else
            {
                total += unknownIdf;
                if (IsYear(term, out var year))
                {
                    unknownYears.Add(year);
                }
            }
        }

        var ranked = new List<ScoredFact>(3);
        for (var i = 0; i < coverage.Length && total > 0; i++)
        {
            if (coverage[i] <= 0)
            {
                continue;
            }

            var fact = facts.Facts[i];
            var aspect = query.Aspects.Count == 0 || fact.Aspects.Any(query.Aspects.Contains) ? 1 : 1 - AspectPenalty;
            var score = Math.Clamp(coverage[i] / total * aspect, 0, 1);
            var title = TitleCoverage(i, terms);
            Insert(ranked, new ScoredFact(fact, score, bm25[i] * aspect * score * (TitleFloor + ((1 - TitleFloor) * title)), title));
        }

        return new MatchResult(ranked, query.Aspects, query.Refusal, query.SmallTalk, terms.Count, unknownYears);
    }

    private static void Insert(List<ScoredFact> top, ScoredFact candidate)
    {
        const int Keep = 3;
        var index = top.FindIndex(s => s.Rank < candidate.Rank);
        if (index < 0)
        {
            if (top.Count < Keep)
            {
                top.Add(candidate);
            }

            return;
        }

        top.Insert(index, candidate);
        if (top.Count > Keep)
        {
            top.RemoveAt(Keep);
        }
    }

    private static bool IsYear(string term, out int year) =>
        int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1000 and <= 2100;

    private void BuildIndex()
    {
        // Per fact: each term's field-weighted frequency and its best field; then BM25F over those frequencies.
        var count = facts.Facts.Count;
        var frequencies = new Dictionary<string, (double Tf, double Best)>[count];
        var lengths = new double[count];
        for (var i = 0; i < count; i++)
        {
            var fact = facts.Facts[i];
            var terms = frequencies[i] = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
            lengths[i] += AddField(terms, fact.Keywords.All, KeywordWeight);
            lengths[i] += AddField(terms, [fact.Title.Ru, fact.Title.En], TitleWeight);
            lengths[i] += AddField(terms, fact.Questions.All, QuestionWeight);
            lengths[i] += AddField(terms, [fact.Answer.Ru, fact.Answer.En], AnswerWeight);
            lengths[i] += AddField(terms, fact.Dates.Select(d => d.Year.ToString(CultureInfo.InvariantCulture)), AnswerWeight);
            if (fact.Detail is { } detail)
            {
                lengths[i] += AddField(terms, [detail.Ru, detail.En], DetailWeight);
            }
        }

        foreach (var fact in facts.Facts)
        {
            titleTerms.Add([[.. Analyze(fact.Title.Ru, forQuery: false).Terms], [.. Analyze(fact.Title.En, forQuery: false).Terms]]);
        }

        var documentFrequency = frequencies.SelectMany(f => f.Keys).GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (term, df) in documentFrequency)
        {
            idf[term] = Math.Log((count + 1.0) / df) + 0.05;
        }

        var averageLength = lengths.Average();
        for (var i = 0; i < count; i++)
        {
            var norm = K1 * (1 - B + (B * lengths[i] / averageLength));
            foreach (var (term, (tf, best)) in frequencies[i])
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add(new Posting(i, best, idf[term] * tf * (K1 + 1) / (tf + norm)));
            }
        }
    }

    /// <summary>
    /// How much of a fact's title (in the closer of its two languages) the question names. Titles are short curated
    /// names, so a fact about another document ("oil contract signatory") loses to the one the question is about.
    /// </summary>
    private double TitleCoverage(int fact, List<string> terms)
    {
        var best = 0.0;
        foreach (var title in titleTerms[fact])
        {
            double named = 0, all = 0;
            foreach (var term in title)
            {
                var weight = idf.GetValueOrDefault(term);
                all += weight;
                named += terms.Contains(term) ? weight : 0;
            }

            best = Math.Max(best, all > 0 ? named / all : 0);
        }

        return best;
    }

    /// <summary>Adds a field's terms; returns the field's weighted length.</summary>
    private double AddField(Dictionary<string, (double Tf, double Best)> terms, IEnumerable<string> texts, double weight)
    {
        var length = 0.0;
        foreach (var text in texts)
        {
            foreach (var term in Analyze(text, forQuery: false).Terms)
            {
                var (tf, best) = terms.GetValueOrDefault(term);
                terms[term] = (tf + weight, Math.Max(best, weight));
                length += weight;
            }
        }

        return length;
    }

    // Lucene analyzers reuse their token streams per thread; one per thread keeps matching lock-free.
    private static List<string> Stems(string text) => (threadAnalyzer ??= new TreatyAnalyzer()).Stems(text);

    /// <summary>
    /// Turns text into index terms: stems, with alias phrases folded into their group and question words taken out
    /// (they become aspects). For a question it also notes refusal topics and small talk.
    /// </summary>
    private AnalyzedText Analyze(string text, bool forQuery)
    {
        var stems = Stems(text);
        var result = new AnalyzedText();
        for (var i = 0; i < stems.Count;)
        {
            if (forQuery && refusals.TryMatchAt(stems, i, out var length, out var refusal))
            {
                result.Refusal ??= refusal;
                i += length;
            }
            else if (forQuery && smallTalk.TryMatchAt(stems, i, out length, out var talk))
            {
                result.SmallTalk ??= talk;
                i += length;
            }
            else if (cues.TryMatchAt(stems, i, out length, out var aspect))
            {
                result.Aspects.Add(aspect);
                i += length;
            }
            else if (aliases.TryMatchAt(stems, i, out length, out var group))
            {
                result.Terms.Add("≈" + group.ToString(CultureInfo.InvariantCulture));
                i += length;
            }
            else
            {
                result.Terms.Add(stems[i]);
                i++;
            }
        }

        return result;
    }

    private readonly record struct Posting(int Fact, double BestField, double Bm25);

    private sealed class AnalyzedText
    {
        public List<string> Terms { get; } = [];

        public HashSet<Aspect> Aspects { get; } = [];

        public Refusal? Refusal { get; set; }

        public SmallTalk? SmallTalk { get; set; }
    }
}
