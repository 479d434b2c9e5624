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
    private const int Keep = 3;

    /// <summary>A fact that does not answer the kind of question asked (когда → a fact with no date) ranks and scores this much lower.</summary>
    private const double AspectPenalty = 0.4;

    /// <summary>Without a question word, a fact that is not an overview (no "what" aspect) ranks and scores this much lower.</summary>
    private const double BroadPenalty = 0.1;

    /// <summary>The rank of a fact whose title and questions name nothing of the question, against one fully named.</summary>
    private const double FocusFloor = 0.25;

    /// <summary>How much a relative of a term (same beginning, other suffix) counts against the term itself.</summary>
    private const double FamilyWeight = 0.6;

    /// <summary>How much being linked to from other facts lifts a fact's rank, per log of links: it breaks near ties.</summary>
    private const double ProminenceWeight = 0.05;

    private readonly FactIndex index;
    private readonly Vocabulary vocabulary;
    private readonly QuestionReader reader;

    public Matcher(FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Facts = facts;
        var words = new WordList();
        var phrases = new LexiconPhrases(facts.Lexicon, words);
        index = new FactIndex(facts.Facts, phrases, words);
        vocabulary = new Vocabulary(index.Terms.Concat(phrases.Stems()).Concat(TreatyAnalyzer.StopStems), words);
        reader = new QuestionReader(phrases, vocabulary, index);
    }

    public FactBase Facts { get; }

    /// <summary>Reads <paramref name="question"/> and ranks the facts; the best three first.</summary>
    public MatchResult Match(string question) => Match(question, Keep);

    /// <summary>Reads <paramref name="question"/> and ranks the facts; the best <paramref name="keep"/> first.</summary>
    public MatchResult Match(string question, int keep)
    {
        ArgumentNullException.ThrowIfNull(question);
        var read = reader.Read(question);
        var folded = read.Folded;
        var terms = Distinct(folded.Terms);
        var count = index.Count;
        Span<double> coverage = stackalloc double[count];
        Span<double> bm25 = stackalloc double[count];
        var total = Weigh(terms, coverage, bm25);
        var aspects = Asked(folded, terms.Keys.Any(DateRecognizer.IsDateTerm));
        Span<double> focus = stackalloc double[count];
        Span<double> named = stackalloc double[index.Focus.Count];
        focus.Clear();
        named.Clear();
        index.Focus.Focus(Named(terms), aspects, named, focus);
        var ranked = new List<ScoredFact>(keep + 1);
        for (var i = 0; i < count && total > 0; i++)
        {
            if (coverage[i] <= 0)
            {
                continue;
            }

            var fact = Facts.Facts[i];
            var aspect = AspectFit(fact, aspects);
            var score = Math.Clamp(coverage[i] / total * aspect, 0, 1);
            var prominence = 1 + (ProminenceWeight * index.Prominence[i]);
            var rank = bm25[i] * aspect * score * prominence * (FocusFloor + ((1 - FocusFloor) * focus[i]));
            if (ranked.Count < keep || rank > ranked[^1].Rank)
            {
                Insert(ranked, keep, new ScoredFact(fact, score, rank, focus[i]));
            }
        }

        return new MatchResult(ranked, folded.Aspects, folded.Refusal, folded.SmallTalk, terms.Count, read.UnknownYears, read.Language);
    }

    /// <summary>
    /// Adds up, per fact, how much of each term it covers (IDF-weighted, by the best field it is in) and its BM25F
    /// weight; a term's family (установ: установлен) counts part. Returns the question's whole weight, in which a
    /// term no fact knows counts more than any known one.
    /// </summary>
    private double Weigh(Dictionary<string, double> terms, Span<double> coverage, Span<double> bm25)
    {
        coverage.Clear();
        bm25.Clear();
        Span<double> termCoverage = stackalloc double[coverage.Length];
        Span<double> termBm25 = stackalloc double[coverage.Length];
        var family = new List<string>();
        var total = 0.0;
        foreach (var (term, certainty) in terms)
        {
            var share = certainty * (TreatyAnalyzer.StopStems.Contains(term) ? FactIndex.StopWeight : 1);
            var weight = (index.Find(term) is null ? index.UnknownIdf : index.Idf(term)) * share;
            total += weight;
            termCoverage.Clear();
            termBm25.Clear();
            Collect(term, 1, termCoverage, termBm25);
            family.Clear();
            vocabulary.AddFamily(term, family);
            foreach (var relative in family)
            {
                Collect(relative, FamilyWeight, termCoverage, termBm25);
            }

            for (var i = 0; i < coverage.Length; i++)
            {
                coverage[i] += weight * termCoverage[i];
                bm25[i] += share * termBm25[i];
            }
        }

        return total;
    }

    /// <summary>What the question names, for focus: its known terms, and the month and year of a date it names.</summary>
    private IEnumerable<(string Term, double Weight)> Named(Dictionary<string, double> terms)
    {
        foreach (var (term, certainty) in terms)
        {
            yield return (term, index.Weight(term) * Math.Min(1, certainty));
            foreach (var broader in DateRecognizer.Broader(term))
            {
                yield return (broader, index.Weight(broader));
            }
        }
    }

    /// <summary>The aspects a question asks for; a question that names a date also asks about an event then (when).</summary>
    private static HashSet<Aspect> Asked(FoldedText folded, bool namesDate) =>
        namesDate ? [.. folded.Aspects, Aspect.When] : folded.Aspects;

    /// <summary>
    /// 1 for a fact that answers the kind of question asked, less for one that does not. A question with no question
    /// word ("нефтяная концессия") wants the overview, so facts that do not say what something is lose a little.
    /// </summary>
    private static double AspectFit(Fact fact, HashSet<Aspect> asked)
    {
        for (var i = 0; i < fact.Aspects.Count; i++)
        {
            if (asked.Count == 0 ? fact.Aspects[i] == Aspect.What : asked.Contains(fact.Aspects[i]))
            {
                return 1;
            }
        }

        return asked.Count == 0 ? 1 - BroadPenalty : 1 - AspectPenalty;
    }

    /// <summary>Each distinct term once, with the reader's strongest certainty of it.</summary>
    private static Dictionary<string, double> Distinct(List<WeightedTerm> terms)
    {
        var certainties = new Dictionary<string, double>(terms.Count, StringComparer.Ordinal);
        foreach (var (term, certainty) in terms)
        {
            certainties[term] = Math.Max(certainties.GetValueOrDefault(term), certainty);
        }

        return certainties;
    }

    private static void Insert(List<ScoredFact> top, int keep, ScoredFact candidate)
    {
        var index = 0;
        while (index < top.Count && top[index].Rank >= candidate.Rank)
        {
            index++;
        }

        if (index >= keep)
        {
            return;
        }

        top.Insert(index, candidate);
        if (top.Count > keep)
        {
            top.RemoveAt(keep);
        }
    }

    /// <summary>Notes, per fact, how well <paramref name="term"/> matches it (the best of the term and its family).</summary>
    private void Collect(string term, double strength, Span<double> coverage, Span<double> bm25)
    {
        foreach (var posting in index.Find(term) ?? [])
        {
            coverage[posting.Fact] = Math.Max(coverage[posting.Fact], strength * posting.BestField);
            bm25[posting.Fact] = Math.Max(bm25[posting.Fact], strength * posting.Bm25);
        }
    }
}
